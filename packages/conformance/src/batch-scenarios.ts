/**
 * `POST /batches` and `GET /batches/:id` through a REST adapter: 202 with a `Location` to follow,
 * progress counts, the same refusals as every other route, and two app instances on one BullMQ
 * queue making one batch of a batch id posted to both.
 */
import { createSmsQueue as createBullmqQueue, createSmsWorker } from '@iprog-sms/bullmq'
import { afterAll, describe, expect, it } from 'vitest'
import type { StartAdapter, StartedAdapter } from './describe-adapter.js'
import type { ConformanceEnvironment } from './environment.js'
import { expectProblem } from './expect-problem.js'
import { createRestDriver, type RestDriver } from './rest-driver.js'
import { AUTHORIZED, CONFORMANCE_KEY } from './scenarios.js'
import { connectTestRedis, deletePrefix, REDIS_URL, testPrefix } from './test-redis.js'

export interface BatchScenarioContext {
  driver: RestDriver
  env: ConformanceEnvironment
  start: StartAdapter
}

// Numbers no other scenario uses.
const numbers = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `0917${String(from + i).padStart(7, '0')}`)

async function settled(driver: RestDriver, location: string) {
  for (;;) {
    const outcome = await driver.request(`/${location}`, { headers: AUTHORIZED })
    const { total, sent, failed, unknown } = outcome.body
    if (outcome.status !== 200 || sent + failed + unknown === total) return outcome
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/**
 * Registers the batch scenarios (the app must have been started with a `queue`).
 *
 * @example
 * ```ts
 * describeBatchScenarios(() => ({ driver, env, start }))
 * ```
 */
export function describeBatchScenarios(get: () => BatchScenarioContext): void {
  describe('batches', () => {
    it('POST /batches answers 202 with the batch id and a Location that shows its progress', async () => {
      const { driver, env } = get()
      const to = [...numbers(2_000_000, 5), 'not a number']
      const created = await driver.call(
        'batches.create',
        { to, message: 'Batch via the routes', batchId: 'conformance-batch' },
        AUTHORIZED,
      )
      expect(created.status).toBe(202)
      expect(created.body).toMatchObject({
        batchId: 'conformance-batch',
        accepted: 5,
        duplicates: 0,
      })
      expect(created.body.rejected).toEqual([
        { to: 'not a number', error: expect.objectContaining({ code: 'validation_error' }) },
      ])
      expect(created.headers.get('location')).toBe('batches/conformance-batch')
      // A Location relative to POST …/batches resolves to …/batches/conformance-batch.
      const progress = await settled(driver, created.headers.get('location')!)
      expect(progress.status).toBe(200)
      expect(progress.body).toEqual({
        batchId: 'conformance-batch',
        total: 5,
        queued: 0,
        sending: 0,
        sent: 5,
        failed: 0,
        unknown: 0,
      })
      const again = await driver.call(
        'batches.create',
        { to, message: 'Batch via the routes', batchId: 'conformance-batch' },
        AUTHORIZED,
      )
      expect(again.body).toMatchObject({ accepted: 0, duplicates: 5 })
      const sentTo = new Set(env.sandbox.messages().map((m) => m.to))
      for (const number of numbers(2_000_000, 5))
        expect(sentTo.has(`63${number.slice(1)}`)).toBe(true)
    })

    it('refuses without authorize, a bad batch, and an unknown id', async () => {
      const { driver } = get()
      const input = { to: numbers(2_000_100, 1), message: 'Nope' }
      expectProblem(await driver.call('batches.create', input), 403)
      expectProblem(await driver.call('batches.get', { id: 'anything' }), 403)
      const bad = await driver.call(
        'batches.create',
        { ...input, batchId: 'no spaces' },
        AUTHORIZED,
      )
      expectProblem(bad, 400)
      expect(bad.body.errors.map((e: { path: unknown[] }) => e.path)).toEqual([['batchId']])
      expectProblem(await driver.call('batches.create', { to: [], message: 'x' }, AUTHORIZED), 400)
      expectProblem(await driver.call('batches.get', { id: 'no-such-batch' }, AUTHORIZED), 404)
    })

    describe('two app instances on one BullMQ queue', () => {
      const apps: StartedAdapter[] = []
      const stops: (() => Promise<void>)[] = []
      afterAll(async () => {
        for (const app of apps) await app.close()
        for (const stop of stops) await stop()
      })

      it('posting the same batch id to both at once makes one batch, sent once', async () => {
        const { env, start } = get()
        const redis = await connectTestRedis('Two app instances on one BullMQ queue')
        const prefix = testPrefix('conformance-batches')
        const connection = REDIS_URL
        const worker = createSmsWorker({
          connection,
          prefix,
          client: env.client,
          ratePerSecond: 1000,
        })
        const queues = [0, 1].map(() =>
          createBullmqQueue({ connection, prefix, drainIntervalMs: 20 }),
        )
        stops.push(async () => {
          await worker.close()
          for (const queue of queues) await queue.close()
          await deletePrefix(redis, prefix)
          await redis.quit()
        })
        for (const queue of queues) {
          apps.push(
            await start({
              prefix: '/sms',
              preParsedBody: false,
              options: {
                client: env.client,
                authorize: (ctx) => ctx.headers.get('x-api-key') === CONFORMANCE_KEY,
                queue,
                logger: { warn() {}, error() {} },
              },
            }),
          )
        }
        const [first, second] = apps.map((app) => createRestDriver(app.baseUrl)) as [
          RestDriver,
          RestDriver,
        ]
        const to = numbers(2_001_000, 40)
        const input = { to, message: 'Twice posted, sent once', batchId: 'two-instances' }
        const answers = await Promise.all([
          first.call('batches.create', input, AUTHORIZED),
          second.call('batches.create', input, AUTHORIZED),
        ])
        expect(answers.map((a) => a.status)).toEqual([202, 202])
        expect(answers[0]!.body.accepted + answers[1]!.body.accepted).toBe(40)
        const progress = await settled(second, 'batches/two-instances')
        expect(progress.body).toMatchObject({ total: 40, sent: 40 })
        const wanted = new Set(to.map((n) => `63${n.slice(1)}`))
        const captured = env.sandbox.messages().filter((m) => wanted.has(m.to))
        expect(captured).toHaveLength(40)
        expect(new Set(captured.map((m) => m.to)).size).toBe(40)
      })
    })
  })
}
