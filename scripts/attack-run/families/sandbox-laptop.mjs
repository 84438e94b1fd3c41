/**
 * The sandbox left running on a laptop, attacked by the web pages its developer visits:
 * - cross-origin control requests a page can send without a preflight (text/plain or form
 *   bodies, a foreign `Origin`): faults added, credits and clock changed, inbox cleared;
 * - `no-cors` sends with the published default token: SMS sent;
 * - DNS rebinding (`Host: attacker.example:<port>`, no `Origin`, as a same-origin read after
 *   rebinding): answers that hand over a token or an OTP code;
 * - the inbox page's CSP with `frame-ancestors 'none'` (clickjacking), and clock or fault
 *   values it cannot honour (`advanceMs: 1e308`, …): accepted, and the state still readable.
 */
import { row } from '../environment.mjs'
import { jsonOf, request } from '../http.mjs'

const EVIL = 'https://attacker.example'

/** @example `const rows = await sandboxLaptop(loadCheckout(dir))` */
export async function sandboxLaptop(co) {
  const running = await co.sandbox.startSandbox({ port: 0 })
  const token = co.sandbox.DEFAULT_TOKEN ?? 'sandbox-token'
  const url = running.url
  const rows = []
  try {
    rows.push(await crossOriginControls(url, token))
    rows.push(await noCorsSends(url, running.sandbox, token))
    rows.push(await rebinding(url, running.sandbox, token))
    rows.push(await inboxHeaders(url))
    rows.push(await impossibleValues(url))
  } finally {
    await running.close()
  }
  return rows
}

const SIMPLE_TYPES = ['text/plain;charset=UTF-8', 'application/x-www-form-urlencoded']

async function crossOriginControls(url, token) {
  const controls = [
    ['POST', '/__sandbox/faults', { kind: 'http-500', times: 3 }],
    ['POST', `/__sandbox/tokens/${token}/credits`, { amount: -1000 }],
    ['POST', '/__sandbox/clock', { advanceMs: 86_400_000 }],
    ['PATCH', '/__sandbox/config', { httpStatusMirrorsBody: true }],
    ['POST', '/__sandbox/reset', {}],
    ['PUT', '/__sandbox/tokens/attacker', { credits: 1000 }],
  ]
  let requests = 0
  let fivexx = 0
  let accepted = 0
  const which = []
  for (const [method, path, body] of controls) {
    for (const type of SIMPLE_TYPES) {
      // Forms and no-cors fetches only POST; PATCH/PUT need a preflight, tried for completeness.
      const answer = await request(`${url}${path}`, {
        method,
        headers: { origin: EVIL, 'content-type': type },
        body: type.startsWith('text/')
          ? JSON.stringify(body)
          : new URLSearchParams(body).toString(),
      })
      requests += 1
      if (answer.status >= 500) fivexx += 1
      if (answer.status >= 200 && answer.status < 300) {
        accepted += 1
        which.push(`${method} ${path} (${type.split(';')[0]})`)
      }
    }
  }
  await request(`${url}/__sandbox/reset`, { method: 'POST', json: {} })
  await request(`${url}/__sandbox/faults`, { method: 'DELETE' })
  return row('sandbox:controls', 'sandbox: cross-origin control requests', 'accepted (2xx)', {
    requests,
    fivexx,
    bypasses: accepted,
    note: which.length
      ? `accepted: ${which.slice(0, 4).join(', ')}${which.length > 4 ? ', …' : ''}`
      : '',
  })
}

async function noCorsSends(url, sandbox, token) {
  // An OTP's SMS is among the messages too: one list counts every SMS once.
  const before = sandbox.messages().length
  const params = { api_token: token, phone_number: '09171234567', message: 'from a web page' }
  let requests = 0
  let fivexx = 0
  for (const path of [
    '/api/v1/sms_messages',
    '/api/v1/otp/send_otp',
    '/api/v1/sms_messages/send_bulk',
  ]) {
    for (const type of SIMPLE_TYPES) {
      const answer = await request(`${url}${path}`, {
        method: 'POST',
        headers: { origin: EVIL, 'content-type': type },
        body: type.startsWith('text/')
          ? JSON.stringify(params)
          : new URLSearchParams(params).toString(),
      })
      requests += 1
      if (answer.status >= 500) fivexx += 1
    }
  }
  return row(
    'sandbox:no-cors',
    'sandbox: no-cors sends from a web page, default token',
    'SMS sent',
    {
      requests,
      fivexx,
      bypasses: sandbox.messages().length - before,
    },
  )
}

async function rebinding(url, sandbox, token) {
  // An OTP code waiting in the sandbox, as after a sign-in test.
  await request(`${url}/api/v1/otp/send_otp`, {
    method: 'POST',
    json: { api_token: token, phone_number: '09171234567' },
  })
  const code = sandbox.otps().at(-1)?.code
  const port = new URL(url).port
  const reads = [
    '/__sandbox/state',
    '/__sandbox/otps',
    '/__sandbox/balances',
    '/__sandbox/messages',
    `/api/v1/account/sms_credits?api_token=${token}`,
    '/',
  ]
  let requests = 0
  let fivexx = 0
  let handedOver = 0
  let answered = 0
  for (const host of [`attacker.example:${port}`, 'attacker.example', `127.0.0.1.nip.io:${port}`]) {
    for (const path of reads) {
      const answer = await request(`${url}${path}`, { headers: { host } })
      requests += 1
      if (answer.status >= 500) fivexx += 1
      if (answer.status >= 200 && answer.status < 300) answered += 1
      const text = answer.text ?? ''
      if (text.includes(token) || (code !== undefined && text.includes(code))) handedOver += 1
    }
  }
  return row(
    'sandbox:rebinding',
    'sandbox: DNS rebinding reads (foreign Host)',
    'answered 2xx (leaks: with a token or OTP code)',
    {
      requests,
      fivexx,
      leaks: handedOver,
      bypasses: answered,
    },
  )
}

async function inboxHeaders(url) {
  const answer = await request(`${url}/`)
  const csp = String(answer.headers?.['content-security-policy'] ?? '')
  const missing = [
    !csp && 'CSP',
    !/frame-ancestors\s+'none'/.test(csp) && "frame-ancestors 'none'",
  ].filter(Boolean)
  return row('sandbox:csp', "sandbox inbox page: CSP and frame-ancestors 'none'", 'of 2 missing', {
    requests: 1,
    fivexx: answer.status >= 500 ? 1 : 0,
    bypasses: missing.length,
    note: missing.length ? `missing: ${missing.join(', ')}` : '',
  })
}

async function impossibleValues(url) {
  const attempts = [
    ['/__sandbox/clock', { advanceMs: 1e308 }],
    ['/__sandbox/clock', { advanceMs: -1e308 }],
    ['/__sandbox/clock', { set: '+275760-09-13T00:00:00.000Z' }],
    ['/__sandbox/clock', { set: '10000-01-01T00:00:00Z' }],
    ['/__sandbox/faults', { kind: 'timeout', delayMs: 2 ** 31 }],
    ['/__sandbox/faults', { kind: 'timeout', delayMs: 1e308 }],
  ]
  let requests = 0
  let fivexx = 0
  let accepted = 0
  let broken = 0
  for (const [path, body] of attempts) {
    const answer = await request(`${url}${path}`, { method: 'POST', json: body })
    requests += 1
    if (answer.status >= 500) fivexx += 1
    if (answer.status >= 200 && answer.status < 300) accepted += 1
    const state = await request(`${url}/__sandbox/state`)
    requests += 1
    if (state.status >= 500) fivexx += 1
    if (state.status !== 200 || jsonOf(state) === undefined) broken += 1
    await request(`${url}/__sandbox/reset`, { method: 'POST', json: {} })
    await request(`${url}/__sandbox/faults`, { method: 'DELETE' })
  }
  return row('sandbox:values', 'sandbox: advanceMs 1e308 and other impossible values', 'accepted', {
    requests,
    fivexx,
    bypasses: accepted,
    figure: `state unreadable after ${broken} of ${attempts.length}`,
  })
}
