// @iprog-sms/bullmq's README "Producers and workers": a queue and a worker on one Redis, a batch
// sent through the sandbox gateway, its progress and outcomes. Redis is REDIS_URL or
// 127.0.0.1:6379 (CI starts one); the run writes under a prefix of its own and deletes only those
// keys, never anything else on a shared server.
import { createSmsQueue, createSmsWorker } from '@iprog-sms/bullmq'
import { createClient } from '@iprog-sms/core'
import { Redis } from 'ioredis'
import { check, type Gateway } from './gateway.js'

const connection = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

export async function run(gateway: Gateway): Promise<void> {
  const redis = await connectRedis()
  // Unique per run: the ESM and CJS runs on each Node version share one server.
  const prefix = `iprog-sms-smoke-${process.pid}-${Date.now()}`
  const queue = createSmsQueue({ connection, prefix })
  const worker = createSmsWorker({
    connection,
    prefix,
    client: createClient({ baseUrl: gateway.url, apiToken: gateway.token }),
    concurrency: 4,
    ratePerSecond: 20,
  })
  try {
    const to = ['0917 123 4567', '0915 123 4567', '0927 123 4567', 'not a number']
    const batchId = 'smoke-batch'
    const first = await queue.enqueueBulk({ to, message: 'Sale today!', batchId })
    check(first.accepted === 3 && first.rejected.length === 1, 'bullmq: enqueueBulk')
    const again = await queue.enqueueBulk({ to, message: 'Sale today!', batchId })
    check(again.accepted === 0 && again.duplicates === 3, 'bullmq: the same batch id again')
    await within(60_000, queue.drain(), 'bullmq: drain')
    const batch = await queue.batch(batchId)
    check(batch?.total === 3 && batch.sent === 3, `bullmq: batch ${JSON.stringify(batch)}`)
    const sent: string[] = []
    for await (const outcome of queue.outcomes(batchId)) {
      if (outcome.state === 'sent' && outcome.messageId) sent.push(outcome.to)
    }
    check(sent.length === 3, 'bullmq: outcomes')
  } finally {
    await worker.close()
    await queue.close()
    await deletePrefix(redis, prefix)
    redis.disconnect()
  }
}

// Fails at once, saying where Redis was looked for, instead of retrying for ever.
async function connectRedis(): Promise<Redis> {
  const redis = new Redis(connection, { lazyConnect: true, retryStrategy: () => null })
  try {
    await redis.connect()
    return redis
  } catch (error) {
    redis.disconnect()
    throw new Error(`smoke: bullmq needs Redis at ${connection} (set REDIS_URL): ${error}`)
  }
}

// Every key under `prefix:`, BullMQ's included, and nothing else.
async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0'
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000)
    cursor = next
    if (keys.length > 0) await redis.del(...keys)
  } while (cursor !== '0')
}

// A stuck worker fails the smoke with its step instead of hanging CI.
async function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`smoke: ${what} took over ${ms / 1000} s`)), ms)
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}
