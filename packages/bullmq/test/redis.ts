// The real Redis these tests need: REDIS_URL, default redis://127.0.0.1:6379. An unreachable
// server fails the suite with how to start one; it never turns into a skip.
import { Redis } from 'ioredis'

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

/** A connected client for test set-up and clean-up; `purpose` names the test on failure. */
export async function connectTestRedis(purpose: string): Promise<Redis> {
  const redis = new Redis(REDIS_URL, {
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 1,
  })
  try {
    await redis.connect()
  } catch (error) {
    redis.disconnect()
    throw new Error(
      `${purpose} needs Redis at ${REDIS_URL} (set REDIS_URL, or start one: redis-server --daemonize yes): ${error}`,
    )
  }
  return redis
}

/** A prefix no other run uses. */
export const testPrefix = (name: string) => `iprog-sms-test-${name}-${process.pid}-${Date.now()}`

/** Deletes every key under `prefix` (and only those). */
export async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0'
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000)
    cursor = next
    if (keys.length > 0) await redis.del(...keys)
  } while (cursor !== '0')
}
