/**
 * Redaction of odd tokens. A gateway echoes the token it received (as sent, URL-encoded,
 * upper-cased) in every place a client copies from: the status link, a refusal message, an HTML
 * error page, a 402 array, a status body, and a connection dropped mid-answer. Each call's result
 * and error (message, stack, `toJSON`, `raw`, status link, causes) and every hook context are
 * searched for the token in any case and in its URL-encoded form. Tokens: with `#`, `&`, space
 * and `'`; the sandbox README's `demo`; a mixed-case one echoed upper-cased; plain hex.
 */
import http from 'node:http'
import { row } from '../environment.mjs'
import { errorTexts, leakCounter } from '../leaks.mjs'

const TOKENS = [
  ['odd characters', "tok#SECRET&x y'z9"],
  ['short `demo`', 'demo'],
  ['upper-cased echo', 'Tok_MixedCase_5f3a9c'],
  ['plain hex', '5f3a9c1e7b2d4a605f3a9c1e'],
]

const ECHOES = [
  'link-raw',
  'link-encoded',
  'refusal',
  'refusal-upper',
  'html-500',
  'array-402',
  'status-raw',
  'drop',
]

/** @example `const rows = await redaction(loadCheckout(dir))` */
export async function redaction(co) {
  const gateway = await startEchoGateway()
  const rows = []
  try {
    for (const [label, token] of TOKENS) {
      const leaks = leakCounter(token)
      const hookTexts = []
      const client = co.core.createClient({
        apiToken: token,
        baseUrl: gateway.url,
        timeoutMs: 5_000,
        retry: false,
        hooks: {
          onRequest: (c) => hookTexts.push(safeJson(c)),
          onResponse: (c) => hookTexts.push(safeJson(c)),
          onRetry: (c) => hookTexts.push(safeJson(c)),
          onError: (c) => hookTexts.push(...errorTexts(c.error), safeJson(c)),
        },
      })
      let requests = 0
      let leaked = 0
      const where = new Set()
      for (const echo of ECHOES) {
        gateway.echo = echo
        gateway.upper = label === 'upper-cased echo' || echo === 'refusal-upper'
        const calls = [
          ['send', () => client.messages.send({ to: '09171234567', message: 'hi' })],
          ['credits', () => client.account.credits()],
          ['status', () => client.messages.status('iSms-abc123')],
        ]
        for (const [name, call] of calls) {
          hookTexts.length = 0
          requests += 1
          let texts
          try {
            const result = await call()
            texts = [safeJson(result), String(result?.statusLink ?? '')]
          } catch (error) {
            texts = errorTexts(error)
          }
          const hit = [...texts, ...hookTexts].some((text) => leaks.check(text))
          if (hit) {
            leaked += 1
            where.add(`${echo}/${name}`)
          }
        }
      }
      rows.push(
        row(
          `redaction:${label}`,
          `redaction, token ${label}`,
          '(leaks: calls whose result, error or hooks hold it)',
          {
            requests,
            leaks: leaked,
            note: where.size
              ? `in ${[...where].slice(0, 8).join(', ')}${where.size > 8 ? ', …' : ''}`
              : '',
          },
        ),
      )
    }
  } finally {
    await gateway.close()
  }
  return rows
}

function safeJson(value) {
  try {
    return JSON.stringify(value)
  } catch {
    return String(value)
  }
}

function receivedToken(req, body) {
  const query = new URL(req.url, 'http://x').searchParams.get('api_token')
  if (query !== null) return query
  try {
    return JSON.parse(body).api_token ?? ''
  } catch {
    return new URLSearchParams(body).get('api_token') ?? ''
  }
}

async function startEchoGateway() {
  const state = { echo: 'link-raw', upper: false }
  const server = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const received = receivedToken(req, Buffer.concat(chunks).toString('utf8'))
      const token = state.upper ? received.toUpperCase() : received
      const send = (status, type, body) => {
        res.writeHead(status, { 'content-type': type })
        res.end(typeof body === 'string' ? body : JSON.stringify(body))
      }
      const path = new URL(req.url, 'http://x').pathname
      const link = (t) =>
        `https://www.iprogsms.com/api/v1/sms_messages/status?api_token=${t}&message_id=iSms-abc123`
      switch (state.echo) {
        case 'link-raw':
        case 'link-encoded': {
          const t = state.echo === 'link-raw' ? token : encodeURIComponent(token)
          if (path.endsWith('/sms_messages')) {
            return send(200, 'application/json', {
              status: 200,
              message: 'SMS successfully queued for delivery.',
              message_id: 'iSms-abc123',
              message_status_link: link(t),
              message_status_request_mode: 'GET',
              sms_rate: 1,
            })
          }
          if (path.endsWith('/status')) {
            return send(200, 'application/json', {
              status: 200,
              message_status: 'pending',
              message_id: 'iSms-abc123',
              sms_count: 1,
              message_status_link: link(t),
            })
          }
          return send(200, 'application/json', {
            status: 'success',
            message: `Account found for ${t}.`,
            data: { load_balance: 10, api_token: t },
          })
        }
        case 'refusal':
        case 'refusal-upper':
          return send(200, 'application/json', {
            status: 500,
            message: `Invalid api token ${token} or no load balance`,
          })
        case 'html-500':
          return send(
            500,
            'text/html',
            `<html><body>Error for api_token=${token} (${encodeURIComponent(token)})</body></html>`,
          )
        case 'array-402':
          return send(200, 'application/json', {
            status: 402,
            message: [
              `Token ${token} needs a sender name`,
              `api_token=${encodeURIComponent(token)}`,
            ],
          })
        case 'status-raw':
          return send(200, 'application/json', {
            status: 200,
            message_status: 'pending',
            message_id: 'iSms-abc123',
            sms_count: 1,
            message: `queued for ${token}`,
            debug: { api_token: token },
          })
        default:
          // Headers promise a body that never comes: the client sees the connection drop.
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' })
          res.write(`{"status":200,"message":"for ${token}`)
          setTimeout(() => res.destroy(), 20)
      }
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
