/**
 * The real Redis the multi-instance tests talk to (127.0.0.1:6379, started before CI). An
 * unreachable server fails the test with how to start one; it never turns into a skip.
 */
import { Redis } from 'ioredis'

/**
 * A connected client; `purpose` names the test in the failure message.
 *
 * @example
 * ```ts
 * const redis = await connectTestRedis('The shared-limits test')
 * ```
 */
export async function connectTestRedis(purpose: string): Promise<Redis> {
  const redis = new Redis({
    host: '127.0.0.1',
    port: 6379,
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 1,
  })
  try {
    await redis.connect()
  } catch (error) {
    throw new Error(
      `${purpose} needs Redis at 127.0.0.1:6379 (start it: redis-server --daemonize yes): ${error}`,
    )
  }
  return redis
}
