// The BullMQ engine against the queue contract: a producer and two workers in this process,
// real Redis, the real sandbox over HTTP.

import type { Redis } from 'ioredis'
import { afterAll, beforeAll } from 'vitest'
import { createSmsQueue, createSmsWorker } from '../src/index.js'
import { describeSmsQueueContract } from './contract/suite.js'
import { connectTestRedis, deletePrefix, REDIS_URL, testPrefix } from './redis.js'

let redis: Redis
beforeAll(async () => {
  redis = await connectTestRedis('The BullMQ queue contract')
})
afterAll(() => redis.quit())

describeSmsQueueContract('bullmq', async (options) => {
  const prefix = testPrefix('contract')
  const { client, concurrency, ratePerSecond, chunkSize, retry, trackDelivery } = options
  const queue = createSmsQueue({
    connection: REDIS_URL,
    prefix,
    chunkSize,
    retry,
    drainIntervalMs: 20,
  })
  const workers = [1, 2].map(() =>
    createSmsWorker({
      connection: REDIS_URL,
      prefix,
      client,
      concurrency,
      ratePerSecond,
      retry,
      ...(trackDelivery ? { trackDelivery } : {}),
    }),
  )
  return {
    queue,
    async close() {
      await Promise.all(workers.map((worker) => worker.close()))
      await queue.close()
      await deletePrefix(redis, prefix)
    },
  }
})
