// The queue contract: one suite, any engine. Real client, real sandbox over real HTTP.
import { createClient, IprogValidationError } from '@iprog-sms/core'
import type { QueueClient, SmsQueue, TrackDeliveryOptions } from '@iprog-sms/core/queue'
import { type RunningSandbox, startSandbox } from '@iprog-sms/sandbox'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { checkInvariants, collect, numbers } from './invariants.js'

export interface EngineOptions {
  client: QueueClient
  concurrency: number
  ratePerSecond: number
  chunkSize: number
  retry: { attempts: number; baseDelayMs: number; maxDelayMs: number }
  trackDelivery?: TrackDeliveryOptions
}

export interface EngineUnderTest {
  /** The queue producers use. */
  queue: SmsQueue
  /** Stops everything the factory started and deletes what it stored. */
  close(): Promise<void>
}

export type EngineFactory = (options: EngineOptions) => Promise<EngineUnderTest>

const TOKEN = 'queue-contract-token'

/**
 * Runs the contract against one engine.
 *
 * @example
 * ```ts
 * describeSmsQueueContract('embedded', async (options) => {
 *   const queue = createSmsQueue(options)
 *   return { queue, close: () => queue.close() }
 * })
 * ```
 */
export function describeSmsQueueContract(name: string, factory: EngineFactory): void {
  describe(`SmsQueue contract: ${name}`, () => {
    let running: RunningSandbox
    let engine: EngineUnderTest | undefined

    beforeAll(async () => {
      running = await startSandbox({ port: 0, tokens: { [TOKEN]: 1_000_000 }, seed: 13 })
    })
    afterAll(() => running.close())
    beforeEach(() => running.sandbox.reset())
    afterEach(async () => {
      await engine?.close()
      engine = undefined
    })

    const start = async (extra: Partial<EngineOptions> = {}) => {
      const client = createClient({
        apiToken: TOKEN,
        baseUrl: running.url,
        // Seconds of margin: on a loaded machine a normal reply can take over a second, and a
        // timed-out send ends as `unknown`, which would fail the clean-run expectations.
        timeoutMs: 10_000,
        retry: { baseDelayMs: 1, maxDelayMs: 5 },
        bulkChunkSize: 1000,
      })
      engine = await factory({
        client,
        concurrency: 4,
        ratePerSecond: 1000,
        chunkSize: 20,
        retry: { attempts: 4, baseDelayMs: 5, maxDelayMs: 50 },
        ...extra,
      })
      return engine.queue
    }

    it('sends a batch to every valid recipient once, in gateway-sized chunks', async () => {
      const queue = await start()
      const to = [...numbers(95), 'not-a-number', numbers(1)[0]!.replace(/^0/, '+63')]
      const result = await queue.enqueueBulk({ to, message: 'Sale today', batchId: 'plain' })
      expect(result).toMatchObject({ batchId: 'plain', accepted: 95, duplicates: 0 })
      expect(result.rejected).toHaveLength(1)
      await queue.drain()
      expect(await queue.batch('plain')).toEqual({
        batchId: 'plain',
        total: 95,
        queued: 0,
        sending: 0,
        sent: 95,
        failed: 0,
        unknown: 0,
      })
      const outcomes = await collect(queue.outcomes('plain'))
      checkInvariants(outcomes, running.sandbox.messages())
      const bulkCalls = new Set(running.sandbox.messages().map((m) => m.source))
      expect(bulkCalls).toEqual(new Set(['bulk']))
      expect(await queue.batch('no-such-batch')).toBeUndefined()
    })

    it('sends a key or a batch once, however often it is enqueued', async () => {
      const queue = await start()
      const single = { to: '09171234567', message: 'Your order shipped', key: 'order-42' }
      expect(await queue.enqueue(single)).toEqual({ key: 'order-42', duplicate: false })
      expect(await queue.enqueue(single)).toEqual({ key: 'order-42', duplicate: true })
      const bulk = { to: numbers(30, 180_000_000), message: 'Hi', batchId: 'twice' }
      const [a, b] = await Promise.all([queue.enqueueBulk(bulk), queue.enqueueBulk(bulk)])
      expect(a.accepted + b.accepted).toBe(30)
      expect(a.duplicates + b.duplicates).toBe(30)
      await queue.drain()
      expect((await queue.batch('twice'))?.total).toBe(30)
      expect(running.sandbox.messages()).toHaveLength(31)
      expect(await queue.outcome('order-42')).toMatchObject({ state: 'sent', to: '639171234567' })
      expect(await queue.outcome('twice:639180000000')).toMatchObject({ state: 'sent' })
      expect(await queue.outcome('never-queued')).toBeUndefined()
    })

    it('refuses bad input with a typed error and queues nothing', async () => {
      const queue = await start()
      await expect(queue.enqueue({ to: '12', message: 'Hi' })).rejects.toBeInstanceOf(
        IprogValidationError,
      )
      await expect(queue.enqueueBulk({ to: [], message: 'Hi' })).rejects.toBeInstanceOf(
        IprogValidationError,
      )
      await queue.drain()
      expect(running.sandbox.messages()).toHaveLength(0)
    })

    it('under faults (delivered or not), every recipient ends in one honest final state', async () => {
      const queue = await start()
      const { faults } = running.sandbox
      faults.add({ kind: 'http-500', rate: 0.05, deliver: true })
      faults.add({ kind: 'http-500', rate: 0.05, deliver: false })
      faults.add({ kind: 'reset', rate: 0.03, deliver: true })
      faults.add({ kind: 'reset', rate: 0.03, deliver: false })
      faults.add({ kind: 'timeout', rate: 0.03, delayMs: 60_000 })
      faults.add({ kind: 'gateway-error', rate: 0.1, deliver: false })
      const to = numbers(400, 190_000_000)
      await queue.enqueueBulk({ to: to.slice(0, 300), message: 'Promo', batchId: 'faulty' })
      for (const [i, number] of to.slice(300).entries()) {
        await queue.enqueue({ to: number, message: 'One', key: `single-${i}` })
      }
      await queue.drain()
      faults.clear()
      const outcomes = [
        ...(await collect(queue.outcomes('faulty'))),
        ...(await Promise.all(to.slice(300).map((_, i) => queue.outcome(`single-${i}`)))).map(
          (outcome) => outcome!,
        ),
      ]
      expect(outcomes).toHaveLength(400)
      const counts = checkInvariants(outcomes, running.sandbox.messages())
      // Refusals that certainly did not deliver were retried, so some went out on a later try.
      expect(outcomes.some((o) => o.state === 'sent' && o.attempts > 1)).toBe(true)
      expect(counts.unknown).toBeGreaterThan(0)
      const progress = await queue.batch('faulty')
      expect(progress).toMatchObject({ total: 300, queued: 0, sending: 0 })
    })

    it('fails what the gateway refuses for good, at once', async () => {
      const queue = await start()
      running.sandbox.configure({ smartTntPrefixes: ['0918'] })
      await queue.enqueue({ to: '09181234567', message: 'Needs a sender name', key: 'smart' })
      await queue.drain()
      expect(await queue.outcome('smart')).toMatchObject({ state: 'failed', attempts: 1 })
      expect(running.sandbox.messages()).toHaveLength(0)
    })

    it('never resends an unknown recipient by itself, and does on retry()', async () => {
      const queue = await start()
      running.sandbox.faults.add({ kind: 'reset', deliver: false })
      await queue.enqueue({ to: '09171234567', message: 'Reset', key: 'reset' })
      await queue.drain()
      expect(await queue.outcome('reset')).toMatchObject({ state: 'unknown', attempts: 1 })
      expect(running.sandbox.messages()).toHaveLength(0)
      expect(await queue.retry('reset')).toBe(true)
      await queue.drain()
      expect(await queue.outcome('reset')).toMatchObject({ state: 'sent', attempts: 2 })
      expect(running.sandbox.messages()).toHaveLength(1)
      expect(await queue.retry('reset')).toBe(false)
    })

    it('names each batch it takes to its onBatch listeners, until they stop', async () => {
      const queue = await start()
      const heard: string[] = []
      const stop = queue.onBatch((batchId) => heard.push(batchId))
      const broken = queue.onBatch(() => {
        throw new Error('a broken listener must not fail the enqueue')
      })
      await queue.enqueueBulk({ to: numbers(2), message: 'Heard', batchId: 'heard' })
      await queue.enqueueBulk({ to: numbers(2), message: 'Heard', batchId: 'heard' }) // again
      stop()
      broken()
      await queue.enqueueBulk({ to: numbers(1), message: 'Not heard', batchId: 'unheard' })
      await queue.enqueue({ to: '09171234567', message: 'Not a batch' })
      expect(heard).toEqual(['heard', 'heard'])
      await queue.drain()
    })

    it('records the final delivery status with trackDelivery', async () => {
      running.sandbox.configure({ statusDelayMs: 0, failNumbers: ['09170000001'] })
      const queue = await start({ trackDelivery: { intervalMs: 10, timeoutMs: 30_000 } })
      await queue.enqueueBulk({ to: numbers(2), message: 'Tracked', batchId: 'tracked' })
      await queue.drain()
      expect(await queue.outcome('tracked:639170000000')).toMatchObject({
        state: 'sent',
        delivery: 'completed',
      })
      expect(await queue.outcome('tracked:639170000001')).toMatchObject({
        state: 'sent',
        delivery: 'failed',
      })
    })
  })
}
