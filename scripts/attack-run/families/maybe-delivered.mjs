/**
 * `maybeDelivered` under gateway faults, `deliver` both ways. Every send channel (single send,
 * bulk, OTP send through the client; the REST problem of Express; tRPC's `data.problem`) runs
 * under each fault, and each recipient's outcome is compared with the sandbox's inbox:
 * - duplicate risk: reported failed with `maybeDelivered` not true, yet the SMS went out (a
 *   caller trusting the flag resends it), or two SMS for one request;
 * - usefulness: reported "maybe" although nothing went out (a flag always true is useless).
 * Faults are the sandbox's own (`http-500`, `gateway-error` mirrored as HTTP 500 JSON,
 * `malformed-json`, `reset`, `timeout`, and a caller's abort during a `timeout`), plus a
 * non-JSON HTTP 200 from a small lossy gateway that forwards to the sandbox first (the sandbox
 * has no such fault).
 */
import http from 'node:http'
import { ROUTES_KEY, startExpress, startTrpc } from '../apps.mjs'
import { row, startEnvironment, TOKEN } from '../environment.mjs'
import { jsonOf, request } from '../http.mjs'

const CLIENT_TIMEOUT_MS = 1_500
const FAULT_DELAY_MS = 4_500

const KINDS = [
  { id: 'http-500-html', label: 'HTTP 500, HTML page', fault: { kind: 'http-500' } },
  {
    id: 'http-500-json',
    label: 'HTTP 500, JSON body',
    fault: { kind: 'gateway-error' },
    mirror: true,
  },
  { id: 'non-json-2xx', label: 'HTTP 200, not JSON', lossy: true },
  { id: 'cut-json', label: 'cut JSON answer', fault: { kind: 'malformed-json' } },
  { id: 'reset', label: 'connection reset', fault: { kind: 'reset' } },
  { id: 'timeout', label: 'timeout', fault: { kind: 'timeout', delayMs: FAULT_DELAY_MS } },
  // A well-formed refusal certainly sent nothing: the one fault where `false` is the right answer.
  {
    id: 'refusal',
    label: 'gateway refusal, HTTP 200 JSON',
    fault: { kind: 'gateway-error' },
    modes: [false],
  },
  {
    id: 'abort',
    label: "caller's abort after the request left",
    fault: { kind: 'timeout', delayMs: FAULT_DELAY_MS },
    abort: true,
  },
]

/** @example `const rows = await maybeDelivered(loadCheckout(dir))` */
export async function maybeDelivered(co) {
  const env = await startEnvironment(co)
  const lossy = await startLossyGateway(env.running.url)
  let target = env.running.url
  const routed = (input, init) => fetch(String(input).replace(env.running.url, target), init)
  const client = co.core.createClient({
    apiToken: TOKEN,
    baseUrl: env.running.url,
    timeoutMs: CLIENT_TIMEOUT_MS,
    retry: { retries: 2, baseDelayMs: 10, maxDelayMs: 50 },
    fetch: routed,
  })
  const options = () => ({ ...env.serviceOptions(), client })
  const express = await startExpress(co, options())
  const trpc = await startTrpc(co, options())
  let serial = 0
  const nextNumber = () => `0917${String(1_000_000 + serial++).padStart(7, '0')}`
  // An OTP send shows up among the OTPs (and, as its SMS, among the messages): count one list.
  const delivered = ({ to, channel }) => {
    const e164 = `63${to.slice(1)}`
    return channel === 'otp.send'
      ? env.sandbox.otps({ to: e164 }).length
      : env.sandbox.messages({ to: e164 }).length
  }
  const rows = []
  try {
    for (const kind of KINDS) {
      const tally = {
        sends: 0,
        requests: 0,
        fivexx: 0,
        leaks: 0,
        duplicates: 0,
        maybeNothing: 0,
        nothingSent: 0,
        cases: [],
      }
      for (const deliver of kind.modes ?? [true, false]) {
        env.sandbox.faults.clear()
        env.sandbox.configure({ httpStatusMirrorsBody: kind.mirror === true })
        if (kind.fault) env.sandbox.faults.add({ ...kind.fault, rate: 1, deliver })
        lossy.deliver = deliver
        target = kind.lossy ? lossy.url : env.running.url
        const outcomes = await Promise.all([
          ...times(6, () => single(client, nextNumber(), kind.abort)),
          bulk(client, times(10, nextNumber)),
          ...(kind.abort ? [] : times(3, () => otpSend(client, nextNumber()))),
          ...(kind.abort ? [] : times(3, () => viaRest(express, nextNumber(), tally, env))),
          ...(kind.abort ? [] : times(3, () => viaTrpc(trpc, nextNumber(), tally, env))),
        ])
        // The lossy gateway and the sandbox finish their work before answering; a timeout's
        // delayed answer is not waited for (its delivery happened on arrival).
        for (const outcome of outcomes.flat()) {
          tally.sends += 1
          const count = delivered(outcome)
          if (count > 1) {
            tally.duplicates += count - 1
            tally.cases.push(`${outcome.channel}: ${count} SMS for one request`)
          }
          if (outcome.ok) continue
          if (outcome.maybe !== true && count > 0) {
            tally.duplicates += 1
            tally.cases.push(`${outcome.channel}${deliver ? '' : ' (deliver false)'}`)
          }
          if (!deliver && count === 0) {
            tally.nothingSent += 1
            if (outcome.maybe === true) tally.maybeNothing += 1
          }
        }
      }
      env.sandbox.faults.clear()
      const channels = [...new Set(tally.cases)]
      rows.push(
        row(
          `maybe:${kind.id}`,
          `maybeDelivered under ${kind.label}`,
          'reported not delivered, yet delivered (figure: said maybe, nothing sent / nothing sent)',
          {
            requests: tally.sends,
            fivexx: null,
            leaks: tally.leaks,
            bypasses: tally.duplicates,
            figure: `${tally.maybeNothing}/${tally.nothingSent}`,
            note: channels.length ? `flag false/missing on: ${channels.join(', ')}` : '',
          },
        ),
      )
    }
  } finally {
    env.sandbox.faults.clear()
    await express.close()
    await trpc.close()
    await lossy.close()
    await env.close()
  }
  return rows
}

const times = (n, make) => Array.from({ length: n }, () => make())

async function single(client, to, abort) {
  const signal = abort ? AbortSignal.timeout(400) : undefined
  try {
    await client.messages.send({ to, message: 'maybe' }, { signal })
    return { channel: 'single', to, ok: true }
  } catch (error) {
    return {
      channel: abort ? 'single (aborted)' : 'single',
      to,
      ok: false,
      maybe: error?.maybeDelivered,
    }
  }
}

async function bulk(client, numbers) {
  try {
    const result = await client.messages.sendBulk({ to: numbers, message: 'maybe bulk' })
    const rejected = new Map(result.rejected.map((r) => [r.to, r.error.maybeDelivered]))
    return numbers.map((to) => {
      const key = [...rejected.keys()].find((r) => r.endsWith(to.slice(1)))
      return key === undefined
        ? { channel: 'bulk', to, ok: true }
        : { channel: 'bulk', to, ok: false, maybe: rejected.get(key) }
    })
  } catch (error) {
    return numbers.map((to) => ({ channel: 'bulk', to, ok: false, maybe: error?.maybeDelivered }))
  }
}

async function otpSend(client, to) {
  try {
    await client.otp.send({ to })
    return { channel: 'otp.send', to, ok: true }
  } catch (error) {
    return { channel: 'otp.send', to, ok: false, maybe: error?.maybeDelivered }
  }
}

async function viaRest(app, to, tally, env) {
  const answer = await request(`${app.base}/messages`, {
    method: 'POST',
    headers: { 'x-api-key': ROUTES_KEY },
    json: { to, message: 'maybe rest' },
    timeoutMs: 10_000,
  })
  tally.requests += 1
  if (env.leaks.check(answer.text)) tally.leaks += 1
  if (answer.status >= 200 && answer.status < 300) return { channel: 'REST problem', to, ok: true }
  return { channel: 'REST problem', to, ok: false, maybe: jsonOf(answer)?.maybeDelivered }
}

async function viaTrpc(app, to, tally, env) {
  const answer = await request(`${app.base}/sms.messages.send`, {
    method: 'POST',
    headers: { 'x-api-key': ROUTES_KEY },
    json: { to, message: 'maybe trpc' },
    timeoutMs: 10_000,
  })
  tally.requests += 1
  if (env.leaks.check(answer.text)) tally.leaks += 1
  if (answer.status >= 200 && answer.status < 300) return { channel: 'tRPC problem', to, ok: true }
  return {
    channel: 'tRPC problem',
    to,
    ok: false,
    maybe: jsonOf(answer)?.error?.data?.problem?.maybeDelivered,
  }
}

/**
 * A gateway that answers every request with HTTP 200 and an HTML body, after forwarding it to
 * the sandbox when `deliver` is set (the work done, the answer lost).
 */
async function startLossyGateway(sandboxUrl) {
  const state = { deliver: true }
  const server = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', async () => {
      if (state.deliver) {
        await fetch(`${sandboxUrl}${req.url}`, {
          method: req.method,
          headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
          body: req.method === 'GET' ? undefined : Buffer.concat(chunks),
        }).then(
          (r) => r.text(),
          () => '',
        )
      }
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<html><body>OK</body></html>')
    })
  })
  server.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  return Object.assign(state, {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  })
}
