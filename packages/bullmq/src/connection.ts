/**
 * The Redis connection every part takes: an ioredis client (shared, never closed here) or
 * ioredis options / a `redis://` URL (a client made and closed here).
 */
import type { ConnectionOptions } from 'bullmq'
import { Redis, type RedisOptions } from 'ioredis'

export type SmsConnection = Redis | RedisOptions | string

export interface OwnedRedis {
  redis: Redis
  /** What BullMQ gets: the same client, or options for its own. */
  bullmq: ConnectionOptions
  /** Closes the client when it was made here. */
  release(): Promise<void>
}

/**
 * Resolves a connection option. BullMQ needs `maxRetriesPerRequest: null` on a worker's
 * client; options and URLs get it here, a client passed in must have it already.
 *
 * @example
 * ```ts
 * const { redis, release } = openConnection('redis://127.0.0.1:6379')
 * ```
 */
export function openConnection(connection: SmsConnection): OwnedRedis {
  if (connection instanceof Redis) {
    return { redis: connection, bullmq: connection, release: async () => {} }
  }
  const options: RedisOptions =
    typeof connection === 'string'
      ? { ...parseUrl(connection), maxRetriesPerRequest: null }
      : { ...connection, maxRetriesPerRequest: null }
  const redis = new Redis(options)
  return {
    redis,
    // ioredis options, which BullMQ hands to its own ioredis clients.
    bullmq: options as ConnectionOptions,
    release: async () => {
      await redis.quit().catch(() => redis.disconnect())
    },
  }
}

function parseUrl(url: string): RedisOptions {
  const parsed = new URL(url)
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new TypeError(
      'connection must be a redis:// or rediss:// URL, an ioredis client or options',
    )
  }
  return {
    host: parsed.hostname || '127.0.0.1',
    port: Number(parsed.port || 6379),
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.pathname.length > 1 ? { db: Number(parsed.pathname.slice(1)) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  }
}
