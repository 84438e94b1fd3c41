import { setTimeout as sleep } from 'node:timers/promises'
import type { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectTestRedis } from '../../../test/test-redis.js'
import { createMemoryStore } from './memory-store.js'
import { createRedisStore } from './redis-store.js'
import type { CounterStore } from './store.js'

// The same cases against every CounterStore, so the Redis store cannot drift from the memory one
// the OTP guard was written against. Real clocks only: Redis keeps its own time.
const PREFIX = `iprog-sms-test:contract:${process.pid}-${Date.now()}:`
// Clock jitter between Node and Redis plus scheduling delays on a loaded machine (a round trip
// can take a few hundred ms there); a store that extended the window would be off by 10-50 s.
const JITTER_MS = 3_000

let redis: Redis

beforeAll(async () => {
  redis = await connectTestRedis('The store contract')
})

afterAll(async () => {
  if (redis?.status !== 'ready') return redis?.disconnect()
  const keys = await redis.keys(`${PREFIX}*`)
  if (keys.length > 0) await redis.del(keys)
  await redis.quit()
})

let run = 0
const stores: [string, () => CounterStore][] = [
  ['memory', () => createMemoryStore()],
  // A fresh prefix per case, so cases never share keys.
  ['redis', () => createRedisStore(redis, { prefix: `${PREFIX}${++run}:` })],
]

describe.each(stores)('%s store contract', (_name, makeStore) => {
  it('starts a missing key at 1 with a window of ttlMs from now', async () => {
    const store = makeStore()
    const before = Date.now()
    const state = await store.increment('k', 10_000)
    const after = Date.now()
    expect(state.count).toBe(1)
    expect(state.resetAt).toBeGreaterThanOrEqual(before + 10_000)
    expect(state.resetAt).toBeLessThanOrEqual(after + 10_000)
  })

  it('counts up within a window and keeps the first expiry, whatever ttl later calls pass', async () => {
    const store = makeStore()
    const first = await store.increment('k', 10_000)
    const second = await store.increment('k', 60_000)
    const third = await store.increment('k', 1)
    expect([first.count, second.count, third.count]).toEqual([1, 2, 3])
    for (const later of [second, third]) {
      expect(Math.abs(later.resetAt - first.resetAt)).toBeLessThanOrEqual(JITTER_MS)
    }
  })

  it('reads the current count and expiry without changing them', async () => {
    const store = makeStore()
    await store.increment('k', 10_000)
    const last = await store.increment('k', 10_000)
    const read = await store.get('k')
    expect(read?.count).toBe(2)
    expect(Math.abs((read?.resetAt ?? 0) - last.resetAt)).toBeLessThanOrEqual(JITTER_MS)
    expect((await store.get('k'))?.count).toBe(2)
  })

  it('reads a missing key as undefined', async () => {
    expect(await makeStore().get('never-written')).toBeUndefined()
  })

  it('keeps keys apart', async () => {
    const store = makeStore()
    await store.increment('a', 10_000)
    await store.increment('a', 10_000)
    expect((await store.increment('b', 10_000)).count).toBe(1)
    expect((await store.get('a'))?.count).toBe(2)
  })

  it('forgets a deleted key, and the next increment starts over', async () => {
    const store = makeStore()
    await store.increment('k', 10_000)
    await store.increment('k', 10_000)
    await store.delete('k')
    expect(await store.get('k')).toBeUndefined()
    expect((await store.increment('k', 10_000)).count).toBe(1)
  })

  it('deletes a missing key without complaint', async () => {
    await expect(makeStore().delete('never-written')).resolves.toBeUndefined()
  })

  it('drops a key once its window has passed, and starts over after', async () => {
    const store = makeStore()
    await store.increment('k', 50)
    await store.increment('k', 50)
    await sleep(120)
    expect(await store.get('k')).toBeUndefined()
    expect((await store.increment('k', 10_000)).count).toBe(1)
  })

  it('hands out distinct counts to concurrent increments', async () => {
    const store = makeStore()
    const states = await Promise.all(Array.from({ length: 50 }, () => store.increment('k', 10_000)))
    const counts = states.map((state) => state.count).sort((a, b) => a - b)
    expect(counts).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
  })
})
