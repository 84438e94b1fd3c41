import type { Cluster, Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import { connectTestRedis } from '../../../test/test-redis.js'
import { createRedisStore, type RedisStoreClient } from './redis-store.js'

// The behaviour both stores share is in store-contract.test.ts; these are the Redis-only cases.
const PREFIX = `iprog-sms-test:redis:${process.pid}-${Date.now()}:`

const connect = () => connectTestRedis('The Redis store tests')

let redis: Redis
let other: Redis

beforeAll(async () => {
  redis = await connect()
  other = await connect()
})

afterAll(async () => {
  if (redis?.status === 'ready') {
    const keys = await redis.keys(`${PREFIX}*`)
    if (keys.length > 0) await redis.del(keys)
  }
  for (const client of [redis, other]) {
    if (client?.status === 'ready') await client.quit()
    else client?.disconnect()
  }
})

describe('createRedisStore', () => {
  it('accepts an ioredis client or cluster as is, with no Redis import in core', () => {
    expectTypeOf<Redis>().toExtend<RedisStoreClient>()
    expectTypeOf<Cluster>().toExtend<RedisStoreClient>()
  })

  it('gives 200 parallel increments from two connections the counts 1..200, once each', async () => {
    const one = createRedisStore(redis, { prefix: PREFIX })
    const two = createRedisStore(other, { prefix: PREFIX })
    const states = await Promise.all(
      Array.from({ length: 200 }, (_, i) => (i % 2 ? one : two).increment('race', 60_000)),
    )
    const counts = states.map((state) => state.count).sort((a, b) => a - b)
    expect(counts).toEqual(Array.from({ length: 200 }, (_, i) => i + 1))
    const ttl = await redis.pttl(`${PREFIX}race`)
    expect(ttl).toBeGreaterThan(0)
    expect(ttl).toBeLessThanOrEqual(60_000)
  })

  it('stores under the prefix, so two prefixes on one Redis never share a count', async () => {
    const blue = createRedisStore(redis, { prefix: `${PREFIX}blue:` })
    const green = createRedisStore(redis, { prefix: `${PREFIX}green:` })
    await blue.increment('k', 10_000)
    await blue.increment('k', 10_000)
    expect((await green.increment('k', 10_000)).count).toBe(1)
    expect(await redis.get(`${PREFIX}blue:k`)).toBe('2')
  })

  it('uses the key as given when no prefix is set (the OTP keys carry their own)', async () => {
    const store = createRedisStore(redis)
    await store.increment(`${PREFIX}bare`, 10_000)
    expect(await redis.get(`${PREFIX}bare`)).toBe('1')
  })

  it('gives a counter left without an expiry a window on its next increment', async () => {
    await redis.set(`${PREFIX}stray`, '4')
    const state = await createRedisStore(redis, { prefix: PREFIX }).increment('stray', 10_000)
    expect(state.count).toBe(5)
    expect(await redis.pttl(`${PREFIX}stray`)).toBeGreaterThan(0)
  })

  it('accepts a fractional ttl (PEXPIRE wants whole milliseconds)', async () => {
    const state = await createRedisStore(redis, { prefix: PREFIX }).increment('fraction', 1000.5)
    expect(state.count).toBe(1)
    expect(await redis.pttl(`${PREFIX}fraction`)).toBeGreaterThan(0)
  })

  it('leaves the client open and has no close unless told it owns the client', async () => {
    const store = createRedisStore(redis, { prefix: PREFIX })
    expect('close' in store).toBe(false)
    expect(await redis.ping()).toBe('PONG')
  })

  it('quits the client on close when it owns it', async () => {
    const owned = await connect()
    const store = createRedisStore(owned, { prefix: PREFIX, closeClient: true })
    await store.increment('owned', 10_000)
    await store.close?.()
    await expect(owned.ping()).rejects.toThrow(/closed/i)
  })

  it('refuses closeClient for a client without quit', () => {
    const client: RedisStoreClient = { eval: async () => null, del: async () => 0 }
    expect(() => createRedisStore(client, { closeClient: true })).toThrow(/quit/)
  })

  it('fails loudly on a reply that is not a counter', async () => {
    const client: RedisStoreClient = { eval: async () => 'OK', del: async () => 0 }
    await expect(createRedisStore(client).increment('k', 1000)).rejects.toThrow(/Unexpected reply/)
    await expect(createRedisStore(client).get('k')).rejects.toThrow(/Unexpected reply/)
    const missing: RedisStoreClient = { eval: async () => null, del: async () => 0 }
    await expect(createRedisStore(missing).increment('k', 1000)).rejects.toThrow(/Unexpected/)
  })
})
