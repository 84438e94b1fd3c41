/**
 * One HTTP request over `node:http`, whatever the headers (a forged `Host`, no `Content-Type`,
 * a chunked body): `fetch` would refuse or rewrite some of them. Never throws: a reset, a refusal
 * or no answer within `timeoutMs` comes back as `{ status: 0, hung | error }`.
 */
import http from 'node:http'

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 })

/**
 * @example
 * ```js
 * const r = await request(`${base}/messages`, { method: 'POST', json: { to: '09171234567' } })
 * r.status // 400
 * ```
 */
export function request(url, options = {}) {
  const {
    method = 'GET',
    headers = {},
    timeoutMs = 8_000,
    chunked = false,
    localAddress,
    fresh = false,
  } = options
  let body = options.body
  const sent = { ...headers }
  if (options.json !== undefined) {
    body = JSON.stringify(options.json)
    sent['content-type'] ??= 'application/json'
  }
  if (body !== undefined && !chunked) sent['content-length'] = Buffer.byteLength(body)
  const started = performance.now()
  return new Promise((resolve) => {
    let settled = false
    const done = (result) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve({ ms: performance.now() - started, ...result })
    }
    // A client address other than 127.0.0.1 (another loopback address) needs its own socket; so
    // does a body a server may refuse before reading it all (the socket is unusable after).
    const via = localAddress || fresh ? { localAddress, agent: false } : { agent }
    const req = http.request(url, { method, headers: sent, ...via }, (res) => {
      const chunks = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () =>
        done({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      )
      res.on('error', (error) => done({ status: 0, error: String(error) }))
    })
    const timer = setTimeout(() => {
      done({ status: 0, hung: true, text: '' })
      req.destroy()
    }, timeoutMs)
    req.on('error', (error) => done({ status: 0, error: String(error), text: '' }))
    if (body !== undefined) req.write(body)
    req.end()
  })
}

/** The JSON of an answer, or undefined. */
export function jsonOf(answer) {
  try {
    return JSON.parse(answer.text)
  } catch {
    return undefined
  }
}

/**
 * Runs `task(i)` for i in [0, n) with at most `width` in flight.
 *
 * @example
 * ```js
 * await pool(1000, 32, (i) => request(`${base}/otp/verify`, { method: 'POST', json: body(i) }))
 * ```
 */
export async function pool(n, width, task) {
  let next = 0
  const results = new Array(n)
  const worker = async () => {
    while (next < n) {
      const i = next++
      results[i] = await task(i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(width, n) }, worker))
  return results
}
