/**
 * The real Redis the multi-instance tests talk to: `REDIS_URL`, default redis://127.0.0.1:6379
 * (started before CI). An unreachable server fails the test with how to start one; it never
 * turns into a skip. Tests keep to their own key prefix and delete only their own keys.
 */
import { Redis } from 'ioredis'

/** Where the tests find Redis. */
export const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379'

/**
 * A connected client; `purpose` names the test in the failure message.
 *
 * @example
 * ```ts
 * const redis = await connectTestRedis('The shared-limits test')
 * ```
 */
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

/**
 * A key prefix no other run uses (another process, or this one a moment ago).
 *
 * @example
 * ```ts
 * const prefix = testPrefix('better-auth')
 * ```
 */
export function testPrefix(name: string): string {
  return `iprog-sms-test-${name}-${process.pid}-${Date.now()}`
}

/**
 * Deletes every key under `prefix:` and only those: never FLUSHALL on a shared Redis.
 *
 * @example
 * ```ts
 * afterAll(() => deletePrefix(redis, prefix))
 * ```
 */
export async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0'
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000)
    cursor = next
    if (keys.length > 0) await redis.del(...keys)
  } while (cursor !== '0')
}
