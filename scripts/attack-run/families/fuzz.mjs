/**
 * Fuzzed requests to every route of every adapter: random JSON, wrong types, huge and deeply
 * nested values, prototype-pollution keys, wrong content types, malformed JSON, odd path ids and
 * queries. Counts requests, 5xx answers, hangs (no answer within 8 s), the token in any answer or
 * log line, and whether `Object.prototype` was polluted. The README's promise: a 4xx problem for
 * every bad input, never a 5xx or a hang.
 */
import { REST_ROUTES, ROUTES_KEY, startAll, trpcCall } from '../apps.mjs'
import { OPEN_OTP_LIMITS, row, startEnvironment } from '../environment.mjs'
import { request } from '../http.mjs'
import { consoleCapture } from '../leaks.mjs'
import { randomSource } from '../random.mjs'

const PER_ROUTE = 36

/** @example `const rows = await fuzz(loadCheckout(dir))` */
export async function fuzz(co) {
  const env = await startEnvironment(co)
  const apps = await startAll(co, () => env.serviceOptions({ otp: OPEN_OTP_LIMITS }))
  const rows = []
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).length
  try {
    for (const app of apps) {
      const random = randomSource(10)
      const tally = { requests: 0, fivexx: 0, hangs: 0, leaks: 0, statuses: new Map() }
      for (const route of REST_ROUTES) {
        for (const attempt of cases(route, random)) {
          const answer = await send(app, route, attempt)
          tally.requests += 1
          if (answer.hung) tally.hangs += 1
          if (answer.status >= 500) {
            tally.fivexx += 1
            const key = `${answer.status} ${route.method} ${route.path}`
            tally.statuses.set(key, (tally.statuses.get(key) ?? 0) + 1)
          }
          const headers = JSON.stringify(answer.headers ?? {})
          if (env.leaks.check(answer.text) || env.leaks.check(headers)) tally.leaks += 1
        }
      }
      const top = [...tally.statuses].sort((a, b) => b[1] - a[1]).slice(0, 4)
      rows.push(
        row(`fuzz:${app.name}`, `fuzz every route: ${app.name}`, 'hangs (no answer in 8 s)', {
          requests: tally.requests,
          fivexx: tally.fivexx,
          leaks: tally.leaks,
          bypasses: tally.hangs,
          note: top.length ? `5xx: ${top.map(([k, n]) => `${k} ×${n}`).join(', ')}` : '',
        }),
      )
    }
  } finally {
    for (const app of apps) await app.close()
    await env.close()
  }
  const polluted = Object.getOwnPropertyNames(Object.prototype).length - prototypeKeys
  const lines = [...env.logs.lines, ...consoleCapture.lines]
  const logLeaks = lines.filter((line) => env.leaks.check(line)).length
  rows.push(
    row('fuzz:logs', 'fuzz: log lines and prototype', 'Object.prototype keys added', {
      leaks: logLeaks,
      bypasses: polluted + ('polluted' in {} ? 1 : 0),
      figure: `${lines.length} log lines`,
    }),
  )
  return rows
}

function send(app, route, attempt) {
  const headers = { 'x-api-key': ROUTES_KEY, ...attempt.headers }
  if (app.kind === 'trpc') {
    const { url, method } = trpcCall(app, route)
    if (method === 'GET') {
      const input = attempt.query ?? attempt.body ?? ''
      return request(`${url}?input=${encodeURIComponent(input)}`, { headers })
    }
    return request(url, { method, headers, body: attempt.body ?? '' })
  }
  const path = route.path.replace(':id', attempt.id ?? '1')
  const query = attempt.query ? `?${attempt.query}` : ''
  return request(`${app.base}${path}${query}`, {
    method: route.method,
    headers,
    body: attempt.body,
  })
}

const FIELDS = ['to', 'message', 'code', 'text', 'scheduledAt', 'id', 'senderName', 'smsProvider']
const ODD_IDS = [
  '0',
  '-1',
  '1e999',
  '99999999999999999999999',
  'abc',
  '%00',
  '..%2F..%2Fetc%2Fpasswd',
  'iSms-ZZZZZZ',
  'a'.repeat(4000),
  '%F0%9F%92%A9',
  '__proto__',
  'constructor',
  '1.5',
  '%20',
  'NaN',
  '0x10',
]
const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  undefined,
  'application/json; charset=utf-16',
  'application/xml',
]

function randomValue(random, depth = 0) {
  const pick = random.int(depth > 2 ? 6 : 9)
  switch (pick) {
    case 0:
      return null
    case 1:
      return random.int(2) === 0
    case 2:
      return [0, -0, 1e308, -1e308, 2 ** 53 + 1, 0.1, -1][random.int(7)]
    case 3:
      return random.string(random.int(40))
    case 4:
      return ['09171234567', '+63 917 123 4567', '2030-01-01T00:00:00+08:00', '123456'][
        random.int(4)
      ]
    case 5:
      return random.unicode(random.int(20))
    case 6:
      return Array.from({ length: random.int(4) }, () => randomValue(random, depth + 1))
    default:
      return Object.fromEntries(
        Array.from({ length: random.int(5) }, () => [
          FIELDS[random.int(FIELDS.length)],
          randomValue(random, depth + 1),
        ]),
      )
  }
}

function nested(depth) {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`
}

function* cases(route, random) {
  const valid = { to: '09171234567', message: 'fuzz', code: '123456', text: 'fuzz' }
  const json = { 'content-type': 'application/json' }
  if (route.method === 'GET' || route.method === 'DELETE') {
    for (let i = 0; i < PER_ROUTE; i++) {
      const id = i < ODD_IDS.length ? ODD_IDS[i] : encodeURIComponent(random.string(12))
      const query =
        i % 3 === 0
          ? `__proto__[polluted]=1&constructor[prototype][polluted]=1&input=${encodeURIComponent(JSON.stringify(randomValue(random)))}`
          : i % 3 === 1
            ? `${encodeURIComponent(JSON.stringify({ id: randomValue(random) }))}`
            : undefined
      yield { id, query: route.path.includes(':id') ? query : (query ?? JSON.stringify({})) }
    }
    return
  }
  const fixed = [
    {
      body: '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"to":"09171234567","message":"p","text":"p"}',
      headers: json,
    },
    { body: `{"to":${nested(5000)},"message":"deep"}`, headers: json },
    { body: JSON.stringify({ ...valid, message: 'x'.repeat(60_000) }), headers: json },
    { body: JSON.stringify({ ...valid, to: Array(2000).fill('09171234567') }), headers: json },
    { body: JSON.stringify({ ...valid, extra: 'y'.repeat(70_000) }), headers: json },
    { body: '{', headers: json },
    { body: '{"to":}', headers: json },
    { body: '\ufeff{"to":"09171234567"}', headers: json },
    { body: '', headers: json },
    { body: 'null', headers: json },
    { body: '[]', headers: json },
    { body: '"string"', headers: json },
    {
      body: JSON.stringify({ to: 5, message: ['a'], code: {}, text: 7, scheduledAt: true }),
      headers: json,
    },
    {
      body: JSON.stringify({ ...valid, scheduledAt: '+275760-09-13T00:00:00.000Z' }),
      headers: json,
    },
    {
      body: JSON.stringify({ ...valid, scheduledAt: '10000-01-01T00:00:00+08:00' }),
      headers: json,
    },
  ]
  yield* fixed
  for (const type of CONTENT_TYPES) {
    const headers = type === undefined ? {} : { 'content-type': type }
    yield { body: JSON.stringify(valid), headers }
  }
  for (let i = fixed.length + CONTENT_TYPES.length; i < PER_ROUTE; i++) {
    const value =
      i % 2 === 0
        ? randomValue(random)
        : { ...valid, [FIELDS[random.int(FIELDS.length)]]: randomValue(random) }
    yield { body: JSON.stringify(value), headers: json }
  }
}
