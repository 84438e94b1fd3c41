/**
 * OTP limits under attack, through the Express routes with the default limits and the default
 * in-memory store (100,000 keys):
 * - store flood: a code is sent to a victim and its 5 guesses spent, the address has used its 20
 *   sends of the hour; then 100,100 verifies on other numbers from that one address. Afterwards:
 *   how many of 5 more guesses on the spent code are checked (4 wrong, then the right code), and
 *   whether the number's cooldown and the address's hourly count survived;
 * - the per-address verify cap: how many of those verifies were checked at all;
 * - the daily cap: one number asked for a code every 12 minutes for 24 hours (service clock),
 *   from a new address each time: codes sent, and guesses that buys.
 */
import { startExpress } from '../apps.mjs'
import { row, startEnvironment } from '../environment.mjs'
import { jsonOf, pool, request } from '../http.mjs'

const FLOOD = 100_100
const VICTIM = '09170000001'

/** @example `const rows = await otp(loadCheckout(dir))` */
export async function otp(co) {
  return [
    ...(await storeFlood(co)),
    ...(await storeFlood(co, { many: true, flood: 5_050, maxEntries: 5_000 })),
    ...(await dailyCap(co)),
  ]
}

/**
 * One flood. `many`: every verify from its own address (`X-Forwarded-For`, `trustProxy`), which
 * no per-address cap stops, into a store of `maxEntries` keys: what a full store does.
 */
async function storeFlood(co, { many = false, flood = FLOOD, maxEntries } = {}) {
  // The flooded routes call the gateway in-process (createSandbox's fetch): the HTTP under test
  // is the adapter's, and 100,100 more sockets to the sandbox would only slow the run down.
  const sandbox = co.sandbox.createSandbox({ tokens: { 'otp-token': 1_000_000 } })
  const client = co.core.createClient({
    apiToken: 'otp-token',
    baseUrl: 'http://sandbox.test',
    fetch: sandbox.fetch,
    timeoutMs: 5_000,
  })
  const logs = []
  // A frozen service clock: a flood slower than the 60 s cooldown must not let it lapse.
  const now = () => Date.parse('2030-03-01T00:00:00Z')
  const app = await startExpress(co, {
    client,
    authorize: 'public',
    now,
    ...(many ? { trustProxy: true } : {}),
    ...(maxEntries ? { store: co.server.createMemoryStore({ maxEntries, now }) } : {}),
    logger: { warn: (m) => logs.push(m), error: (m) => logs.push(m) },
  })
  const ATTACKER = '203.0.113.9'
  const post = (path, json, from = ATTACKER) =>
    request(`${app.base}${path}`, {
      method: 'POST',
      json,
      timeoutMs: 10_000,
      // One address: the socket's (127.0.0.1, or 127.0.0.2 for "someone else"). Many: the header.
      ...(many
        ? { headers: { 'x-forwarded-for': from === 'other' ? '198.51.100.200' : from } }
        : { localAddress: from === 'other' ? '127.0.0.2' : undefined }),
    })
  let requests = 0
  let fivexx = 0
  let storeFull = 0
  // A full store answering 503 `store_full` is the documented refusal, not a failure.
  const count = (answer) => {
    requests += 1
    if (answer.status === 503 && jsonOf(answer)?.code === 'store_full') storeFull += 1
    else if (answer.status >= 500) fivexx += 1
    return answer
  }
  try {
    count(await post('/otp/send', { to: VICTIM }))
    const code = sandbox.otps({ to: `63${VICTIM.slice(1)}` }).at(-1)?.code
    const wrong = code === '000000' ? '111111' : '000000'
    for (let i = 0; i < 5; i++) count(await post('/otp/verify', { to: VICTIM, code: wrong }))
    const spent = count(await post('/otp/verify', { to: VICTIM, code: wrong })).status === 429
    // The address's other 19 sends of the hour, then the 21st, refused.
    for (let i = 0; i < 19; i++)
      count(await post('/otp/send', { to: `0917100${String(i).padStart(4, '0')}` }))
    const capHeld = count(await post('/otp/send', { to: '09171009999' })).status === 429

    const statuses = new Map()
    const started = performance.now()
    await pool(flood, 48, async (i) => {
      const from = many ? `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` : ATTACKER
      const to = `0918${String(i).padStart(7, '0')}`
      const answer = count(await post('/otp/verify', { to, code: '123456' }, from))
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1)
    })
    const floodSeconds = (performance.now() - started) / 1000
    const checked = flood - (statuses.get(429) ?? 0) - (statuses.get(503) ?? 0)

    let guesses = 0
    let verified = false
    for (let i = 0; i < 5; i++) {
      const answer = count(await post('/otp/verify', { to: VICTIM, code: i === 4 ? code : wrong }))
      if (answer.status !== 429 && answer.status !== 503) guesses += 1
      if (jsonOf(answer)?.verified === true) verified = true
    }
    const cooldownLost = count(await post('/otp/send', { to: VICTIM }, 'other')).status < 300
    const hourLost = count(await post('/otp/send', { to: '09171008888' })).status < 300
    const statusList = [...statuses].map(([s, n]) => `${s}×${n}`).join(' ')
    const who = many
      ? `${flood.toLocaleString('en')} addresses, store of ${maxEntries.toLocaleString('en')} keys`
      : 'one address'
    const id = many ? 'otp:flood-many' : 'otp:flood'
    const rows = [
      row(
        id,
        `OTP store flood: ${flood.toLocaleString('en')} verifies from ${who}, then a spent code`,
        'extra guesses accepted on the spent code',
        {
          requests,
          fivexx,
          bypasses: guesses,
          figure: `${Math.round(flood / floodSeconds)} req/s${storeFull ? `, 503 store_full ×${storeFull}` : ''}`,
          note: `setup: code spent ${spent}, hourly cap held ${capHeld}; flood answers ${statusList}; the right code ${verified ? 'verified after being spent' : 'refused'}; ${logs.length} log lines`,
        },
      ),
      row(
        `${id}:lost`,
        `  … then limits forgotten (${many ? 'many addresses' : 'one address'})`,
        'of 2 (number cooldown, address hourly count)',
        {
          bypasses: Number(cooldownLost) + Number(hourLost),
          note: `cooldown lost ${cooldownLost}, address hourly count lost ${hourLost}`,
        },
      ),
    ]
    if (!many) {
      rows.push(
        row(
          'otp:ip-verify',
          'verifies checked from one address on 100,100 numbers',
          'checked (cap 100 an hour; 6 more were on the victim)',
          {
            requests: flood,
            bypasses: checked,
          },
        ),
      )
    }
    return rows
  } finally {
    await app.close()
  }
}

async function dailyCap(co) {
  const env = await startEnvironment(co)
  let now = Date.parse('2030-03-01T00:00:00Z')
  const app = await startExpress(co, env.serviceOptions({ trustProxy: true, now: () => now }))
  let requests = 0
  let fivexx = 0
  let sent = 0
  try {
    for (let i = 0; i < 120; i++) {
      const answer = await request(`${app.base}/otp/send`, {
        method: 'POST',
        json: { to: '09175550000' },
        headers: { 'x-forwarded-for': `198.51.100.${i + 1}` },
      })
      requests += 1
      if (answer.status >= 500) fivexx += 1
      if (answer.status >= 200 && answer.status < 300) sent += 1
      now += 12 * 60_000
    }
  } finally {
    await app.close()
    await env.close()
  }
  return [
    row(
      'otp:daily',
      'OTP codes to one number in 24 h (one ask every 12 min)',
      'codes sent (cap 10 a day)',
      {
        requests,
        fivexx,
        bypasses: sent,
        figure: `${sent * 5} guesses a day`,
      },
    ),
  ]
}
