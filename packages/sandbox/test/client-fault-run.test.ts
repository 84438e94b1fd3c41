// The fault run of issue 10: thousands of sends through the real client (@iprog-sms/core) into the
// real sandbox over HTTP, under HTTP 500s, resets and timeouts, with the faulted request carried
// out (`deliver: true`) or not (`deliver: false`). For every recipient the client's report must
// agree with the inbox: sent ⇒ exactly one message; failed with `maybeDelivered: false` ⇒ none;
// `maybeDelivered: true` ⇒ at most one. A caller that resends only on `false` never duplicates.
// It lives here, not in core, because core cannot depend on the sandbox.
import { createClient, isIprogError, type SmsClient } from '@iprog-sms/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningSandbox, startSandbox } from '../src/serve/node-server.js'

const TOKEN = 'fault-run-token'
const SINGLE_SENDS = 2_000
const BULKS = 3
const BULK_SIZE = 1_000
// Many sends in flight, so the timed-out ones (each waits out the client's timeout) overlap.
const CONCURRENCY = 64

let running: RunningSandbox
beforeAll(async () => {
  running = await startSandbox({ port: 0, tokens: { [TOKEN]: 10_000_000 } })
})
afterAll(() => running.close())

type Outcome = 'sent' | 'maybe' | 'not sent'

// Distinct numbers for every recipient of one run: `0917` + 7 digits.
const phone = (n: number) => `639${String(170_000_000 + n)}`

function addFaults(deliver: boolean): void {
  const path = '/api/v1/sms_messages*'
  // Rules are tried in order, so each rate is of what the rules before left: 10%, 5%, 3% overall.
  running.sandbox.faults.add({ kind: 'http-500', path, rate: 0.1, deliver })
  running.sandbox.faults.add({ kind: 'reset', path, rate: 0.05 / 0.9, deliver })
  // The late reply comes long after the client's timeout (seconds of margin both ways: a loaded
  // machine still gets every other request through well before the client gives up).
  running.sandbox.faults.add({ kind: 'timeout', path, rate: 0.03 / 0.85, deliver, delayMs: 30_000 })
  // A well-formed refusal (never carried out: a gateway that refuses and sends anyway cannot be
  // told apart), so the `false` side of the flag is exercised too.
  running.sandbox.faults.add({ kind: 'gateway-error', path, rate: 0.02 / 0.82, deliver: false })
}

async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>) {
  let next = 0
  const worker = async () => {
    while (next < count) await task(next++)
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
}

async function singleSends(sms: SmsClient, outcomes: Map<string, Outcome>) {
  await pool(SINGLE_SENDS, CONCURRENCY, async (i) => {
    const to = phone(i)
    try {
      await sms.messages.send({ to, message: `Single ${i}` })
      outcomes.set(to, 'sent')
    } catch (error) {
      if (!isIprogError(error) || typeof error.maybeDelivered !== 'boolean') throw error
      outcomes.set(to, error.maybeDelivered ? 'maybe' : 'not sent')
    }
  })
}

async function bulkSends(sms: SmsClient, outcomes: Map<string, Outcome>) {
  for (let b = 0; b < BULKS; b++) {
    const first = SINGLE_SENDS + b * BULK_SIZE
    const to = Array.from({ length: BULK_SIZE }, (_, i) => phone(first + i))
    const result = await sms.messages.sendBulk({ to, message: `Bulk ${b}` })
    for (const { to: number } of result.accepted) outcomes.set(number, 'sent')
    for (const { to: number, error } of result.rejected) {
      expect(typeof error.maybeDelivered).toBe('boolean')
      outcomes.set(number, error.maybeDelivered ? 'maybe' : 'not sent')
    }
  }
}

describe('the fault run', () => {
  for (const deliver of [true, false]) {
    it(`agrees with the inbox for every recipient (faults with deliver: ${deliver})`, async () => {
      running.sandbox.reset()
      addFaults(deliver)
      const sms = createClient({
        apiToken: TOKEN,
        baseUrl: running.url,
        // A spurious timeout on a loaded machine only adds a `maybe`, which the checks allow.
        timeoutMs: 2_000,
        retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 10 },
        bulkChunkSize: 50,
        bulkConcurrency: 4,
      })
      const outcomes = new Map<string, Outcome>()
      await singleSends(sms, outcomes)
      await bulkSends(sms, outcomes)
      expect(outcomes.size).toBe(SINGLE_SENDS + BULKS * BULK_SIZE)

      const inbox = new Map<string, number>()
      for (const message of running.sandbox.messages()) {
        inbox.set(message.to, (inbox.get(message.to) ?? 0) + 1)
      }
      const counts = {
        sent: 0,
        maybeWithOne: 0,
        maybeWithNone: 0,
        notSent: 0,
        broken: [] as string[],
      }
      for (const [to, outcome] of outcomes) {
        const delivered = inbox.get(to) ?? 0
        if (outcome === 'sent') {
          counts.sent++
          if (delivered !== 1) counts.broken.push(`${to}: sent, ${delivered} in the inbox`)
        } else if (outcome === 'not sent') {
          counts.notSent++
          if (delivered !== 0) counts.broken.push(`${to}: not sent, ${delivered} in the inbox`)
        } else {
          if (delivered === 0) counts.maybeWithNone++
          else counts.maybeWithOne++
          if (delivered > 1) counts.broken.push(`${to}: maybe, ${delivered} in the inbox`)
        }
      }
      const faults = running.sandbox.faults.list().map((f) => `${f.kind} ${f.hits}`)
      console.log(
        `fault run (deliver: ${deliver}): ${outcomes.size} recipients; sent ${counts.sent} ` +
          `(1 each in the inbox); maybeDelivered true ${counts.maybeWithOne + counts.maybeWithNone} ` +
          `(${counts.maybeWithOne} in the inbox, ${counts.maybeWithNone} not); ` +
          `maybeDelivered false ${counts.notSent} (0 in the inbox); broken ${counts.broken.length}; ` +
          `fault hits: ${faults.join(', ')}`,
      )
      expect(counts.broken).toEqual([])
      // Every kind of outcome occurred, so no side of the check is vacuous.
      expect(counts.sent).toBeGreaterThan(0)
      expect(counts.notSent).toBeGreaterThan(0)
      if (deliver) expect(counts.maybeWithOne).toBeGreaterThan(0)
      else expect(counts.maybeWithNone).toBeGreaterThan(0)
      running.sandbox.faults.clear()
    }, 120_000)
  }
})
