// The real Redis the store tests talk to: REDIS_URL, default redis://127.0.0.1:6379 (started
// before CI). An unreachable server fails the test with how to start one; it never turns into a
// skip. The conformance package holds the same helper for the adapters; core's tests cannot
// depend on it (it depends on core).
import { Redis } from 'ioredis'

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379'

/** A connected client; `purpose` names the test in the failure message. */
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
