/**
 * Answers the README's error table promises for inputs that are not attacks so much as traps:
 * an unknown path under the prefix with an empty JSON body (a 404 problem, not the framework's
 * own 400), a bulk with one bad number (the good ones sent and the bad one in `rejected`, as
 * `client.messages.sendBulk` does), and a client `timeoutMs` past 2^31 − 1 (Node fires such a
 * timer after 1 ms: refused or clamped, never a send that times out at once).
 */
import { ROUTES_KEY, startAll } from '../apps.mjs'
import { row, startEnvironment, TOKEN } from '../environment.mjs'
import { jsonOf, request } from '../http.mjs'

/** @example `const rows = await oddAnswers(loadCheckout(dir))` */
export async function oddAnswers(co) {
  const env = await startEnvironment(co)
  const apps = await startAll(co, () => env.serviceOptions(), { jsonFirst: false })
  const rows = []
  try {
    let requests = 0
    let fivexx = 0
    let wrong = 0
    const which = []
    for (const app of apps.filter((a) => a.kind === 'rest')) {
      const answer = await request(`${app.base}/no-such-route`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': ROUTES_KEY },
        body: '',
      })
      requests += 1
      if (answer.status >= 500) fivexx += 1
      // Express and Hono routers hand an unknown path on to the app (its own 404); a 400 about
      // the body, or a 5xx, is what the table forbids.
      const type = String(answer.headers?.['content-type'] ?? '').split(';')[0]
      which.push(`${app.name} ${answer.status} ${jsonOf(answer)?.code ?? type}`)
      if (answer.status !== 404) wrong += 1
    }
    rows.push(
      row(
        'odd:unknown-path',
        'unknown path under the prefix, empty JSON body',
        'answers other than 404',
        {
          requests,
          fivexx,
          bypasses: wrong,
          note: which.join(', '),
        },
      ),
    )

    requests = 0
    fivexx = 0
    let refusedWhole = 0
    const bulkNotes = []
    for (const app of apps) {
      const good = `0917${String(2_000_000 + requests).padStart(7, '0')}`
      const url =
        app.kind === 'trpc' ? `${app.base}/sms.messages.sendBulk` : `${app.base}/messages/bulk`
      const answer = await request(url, {
        method: 'POST',
        headers: { 'x-api-key': ROUTES_KEY },
        json: { to: [good, '12345'], message: 'partial bulk' },
      })
      requests += 1
      if (answer.status >= 500) fivexx += 1
      const sent = env.sandbox.messages({ to: `63${good.slice(1)}` }).length
      if (sent === 0) {
        refusedWhole += 1
        bulkNotes.push(`${app.name} ${answer.status}`)
      }
    }
    rows.push(
      row(
        'odd:bulk-partial',
        'bulk with one bad number, every adapter',
        'lists refused whole (good number not sent)',
        {
          requests,
          fivexx,
          bypasses: refusedWhole,
          note: bulkNotes.join(', '),
        },
      ),
    )

    let early = 0
    let note = ''
    try {
      const client = co.core.createClient({
        apiToken: TOKEN,
        baseUrl: env.running.url,
        timeoutMs: 2 ** 31,
        retry: false,
      })
      env.sandbox.faults.add({ kind: 'timeout', delayMs: 1_000, deliver: false })
      const started = performance.now()
      await client.account.credits().catch((error) => {
        if (error?.code === 'timeout_error' && performance.now() - started < 900) early = 1
      })
      note = early ? 'accepted; the call timed out at once' : 'accepted; waited'
    } catch (error) {
      note = `refused at createClient (${error?.code ?? error})`
    } finally {
      env.sandbox.faults.clear()
    }
    rows.push(
      row('odd:timeout-ms', 'createClient({ timeoutMs: 2 ** 31 })', 'calls timed out at once', {
        requests: 1,
        bypasses: early,
        note,
      }),
    )
  } finally {
    for (const app of apps) await app.close()
    await env.close()
  }
  return rows
}
