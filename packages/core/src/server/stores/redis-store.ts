import type { CounterState, CounterStore } from './store.js'

/**
 * The few Redis commands the store sends, typed by shape so core never imports a Redis client:
 * an ioredis `Redis` (or `Cluster`) satisfies it as is.
 */
export interface RedisStoreClient {
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>
  del(key: string): Promise<unknown>
  /** Needed only with `closeClient: true`. */
  quit?(): Promise<unknown>
}

export interface RedisStoreOptions {
  /**
   * Prepended to every key, to keep several apps or environments apart on one Redis. Default
   * none: the OTP limits' keys already start with `iprog-sms:`.
   */
  prefix?: string
  /**
   * `true` when the store owns the client: it then has a `close()` that quits the connection
   * (the Fastify plugin calls it when the app closes). Default `false`: the client is yours to
   * close, and the store has no `close`.
   */
  closeClient?: boolean
}

// INCR and PEXPIRE in one script, so no other instance runs between them: two parallel
// increments always see two counts, and a new key never lives without its expiry. The expiry is
// set only when the key has none (new, or left without one), so the window is fixed, as in the
// memory store. Works on every Redis with scripting (PEXPIRE NX would need Redis 7).
const INCREMENT = `local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`

// GET and PTTL together: two separate commands could straddle the expiry.
const READ = `local count = redis.call('GET', KEYS[1])
if not count then return false end
return {tonumber(count), redis.call('PTTL', KEYS[1])}`

function unexpected(): never {
  throw new TypeError('Unexpected reply from Redis to the counter script')
}

function toState(reply: unknown): CounterState | undefined {
  if (reply === null || reply === undefined || reply === false) return undefined
  // Numbers may arrive as strings (ioredis `stringNumbers`).
  const [count, ttl] = Array.isArray(reply) ? reply.map(Number) : []
  if (!Number.isFinite(count) || !Number.isFinite(ttl)) unexpected()
  // The TTL is relative, so instances whose clocks disagree still agree on the window; the
  // local clock is read after the reply, as close to Redis's own as the round trip allows.
  return { count: count as number, resetAt: Date.now() + Math.max(0, ttl as number) }
}

/**
 * A `CounterStore` in Redis, so every instance behind a load balancer enforces the same OTP
 * limits. Each increment is one atomic Lua script; keys expire in Redis, nothing to sweep.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis'
 * const store = createRedisStore(new Redis(process.env.REDIS_URL))
 * const service = createSmsService({ client, authorize, store })
 * ```
 */
export function createRedisStore(
  redis: RedisStoreClient,
  options: RedisStoreOptions = {},
): CounterStore & { close?(): Promise<void> } {
  const prefix = options.prefix ?? ''
  const store: CounterStore & { close?(): Promise<void> } = {
    async increment(key, ttlMs) {
      // PEXPIRE takes whole milliseconds; rounding up never shortens a window.
      return toState(await redis.eval(INCREMENT, 1, prefix + key, Math.ceil(ttlMs))) ?? unexpected()
    },
    async get(key) {
      return toState(await redis.eval(READ, 1, prefix + key))
    },
    async delete(key) {
      await redis.del(prefix + key)
    },
  }
  if (options.closeClient) {
    const quit = redis.quit
    if (typeof quit !== 'function') {
      throw new TypeError('closeClient: true needs a client with quit()')
    }
    store.close = async () => {
      await quit.call(redis)
    }
  }
  return store
}
