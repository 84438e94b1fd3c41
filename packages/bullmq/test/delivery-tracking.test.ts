// Delivery tracking outlives its worker: the messages being tracked are kept in Redis, so when
// the worker polling them is killed (SIGKILL, a real process) or closed, another worker records
// their final status. The sandbox clock stands still until the test moves it, so "still pending
// while the worker dies" and "final once it is gone" are certain, not a matter of timing.

import { createClient } from '@iprog-sms/core'
import { type RunningSandbox, startSandbox } from '@iprog-sms/sandbox'
import type { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createSmsQueue, createSmsWorker } from '../src/index.js'
import { trackingKey } from '../src/keys.js'
import { readTrackingMember } from '../src/tracking.js'
import { numbers } from './contract/invariants.js'
import { spawnWorker, type WorkerProcess } from './fault-run/spawn-worker.js'
import { connectTestRedis, deletePrefix, REDIS_URL, testPrefix } from './redis.js'

const TOKEN = 'delivery-tracking-token'
const STATUS_DELAY_MS = 60_000
const INTERVAL_MS = 20
let running: RunningSandbox
let redis: Redis
const cleanups: (() => Promise<void>)[] = []

beforeAll(async () => {
  redis = await connectTestRedis('The delivery-tracking tests')
  running = await startSandbox({ port: 0, tokens: { [TOKEN]: 10_000 }, freezeClock: true })
})
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  running.sandbox.reset()
})
afterAll(async () => {
  await running.close()
  await redis.quit()
})

const track = { intervalMs: INTERVAL_MS, timeoutMs: 600_000 }
// A dead worker's polls are taken up after its lease (the lock duration): one second here.
const LOCK = { lockDurationMs: 1000, stalledIntervalMs: 300 }

function setUp(name: string) {
  running.sandbox.configure({ statusDelayMs: STATUS_DELAY_MS, failNumbers: ['09170000001'] })
  const prefix = testPrefix(name)
  const queue = createSmsQueue({ connection: REDIS_URL, prefix, drainIntervalMs: 20 })
  cleanups.push(async () => {
    await queue.close()
    await deletePrefix(redis, prefix)
  })
  return { prefix, queue }
}

function inProcessWorker(prefix: string) {
  const worker = createSmsWorker({
    connection: REDIS_URL,
    prefix,
    client: createClient({ apiToken: TOKEN, baseUrl: running.url }),
    ratePerSecond: 100,
    trackDelivery: track,
    ...LOCK,
  })
  cleanups.push(() => worker.close())
  return worker
}

async function workerProcess(prefix: string): Promise<WorkerProcess> {
  const worker = await spawnWorker({
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    SANDBOX_URL: running.url,
    SANDBOX_TOKEN: TOKEN,
    TRACK_INTERVAL_MS: String(track.intervalMs),
    TRACK_TIMEOUT_MS: String(track.timeoutMs),
    LOCK_DURATION_MS: String(LOCK.lockDurationMs),
    STALLED_INTERVAL_MS: String(LOCK.stalledIntervalMs),
  })
  cleanups.push(() => worker.kill())
  return worker
}

type Queue = ReturnType<typeof createSmsQueue>

async function enqueue(queue: Queue) {
  await queue.enqueueBulk({ to: numbers(3), message: 'Tracked', batchId: 'tracked' })
  await queue.enqueue({ to: '09175555555', message: 'Tracked too', key: 'single' })
}

// Sent, and every message polled at least once (its wait between polls grew), none final yet.
async function trackingUnderWay(queue: Queue, prefix: string) {
  await vi.waitFor(
    async () => {
      const members = await redis.zrange(trackingKey(prefix), '0', '-1')
      expect(members).toHaveLength(4)
      for (const member of members) {
        expect(readTrackingMember(member).wait).toBeGreaterThan(INTERVAL_MS)
      }
    },
    { timeout: 30_000, interval: 20 },
  )
  expect(await queue.batch('tracked')).toMatchObject({ total: 3, sent: 3 })
  for (const key of KEYS) {
    expect(await queue.outcome(key)).toMatchObject({ state: 'sent', delivery: 'pending' })
  }
}

const KEYS = ['tracked:639170000000', 'tracked:639170000001', 'tracked:639170000002', 'single']

async function expectFinalDelivery(queue: Queue, prefix: string) {
  await queue.drain()
  const delivery = Object.fromEntries(
    await Promise.all(KEYS.map(async (key) => [key, (await queue.outcome(key))?.delivery])),
  )
  expect(delivery).toEqual({
    'tracked:639170000000': 'completed',
    'tracked:639170000001': 'failed',
    'tracked:639170000002': 'completed',
    single: 'completed',
  })
  expect(await redis.zcard(trackingKey(prefix))).toBe(0)
  expect(running.sandbox.messages()).toHaveLength(4)
}

describe('trackDelivery when its worker goes away mid-tracking', () => {
  it('a worker process killed with SIGKILL: a new one records every final status', async () => {
    const { prefix, queue } = setUp('tracking-kill')
    const first = await workerProcess(prefix)
    await enqueue(queue)
    await trackingUnderWay(queue, prefix)
    await first.kill()
    running.sandbox.clock.advance(STATUS_DELAY_MS) // every message is final from now on
    for (const key of KEYS) {
      expect(await queue.outcome(key)).toMatchObject({ delivery: 'pending' })
    }
    await workerProcess(prefix)
    await expectFinalDelivery(queue, prefix)
  })

  it('a worker closed gracefully: the next one goes on tracking', async () => {
    const { prefix, queue } = setUp('tracking-close')
    const first = inProcessWorker(prefix)
    await enqueue(queue)
    await trackingUnderWay(queue, prefix)
    await first.close()
    running.sandbox.clock.advance(STATUS_DELAY_MS)
    inProcessWorker(prefix)
    await expectFinalDelivery(queue, prefix)
  })
})
