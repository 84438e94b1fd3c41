import { IprogStoreFullError } from '../errors.js'
import type { CounterState, CounterStore } from './store.js'

export interface MemoryStoreOptions {
  /**
   * Most keys kept at once (default 100 000). Expired keys make room; a live counter is never
   * dropped (an attacker cycling through numbers would otherwise flush the limits away), so a
   * store full of live counters refuses new keys with `IprogStoreFullError` (503) until some
   * expire. Each key is a few hundred bytes.
   */
  maxEntries?: number
  /** Clock in epoch ms, for tests. Default `Date.now`. */
  now?: () => number
}

/**
 * A bounded in-memory `CounterStore` for one process. Use a shared store (Redis) when several
 * instances serve the same routes, or each instance enforces its own limits.
 *
 * @example
 * ```ts
 * const service = createSmsService({ client, authorize, store: createMemoryStore({ maxEntries: 10_000 }) })
 * ```
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): CounterStore {
  const maxEntries = options.maxEntries ?? 100_000
  const now = options.now ?? Date.now
  const entries = new Map<string, CounterState>()
  // One queue of keys per window length, in creation order. A window is fixed from its first
  // increment, so within one queue the head always expires first: making room is popping
  // expired heads (O(1) each), never a sweep of the whole store per insert.
  const queues = new Map<number, Set<string>>()
  const windowOf = new Map<string, number>()

  function forget(key: string): void {
    entries.delete(key)
    const ttl = windowOf.get(key)
    if (ttl === undefined) return
    windowOf.delete(key)
    queues.get(ttl)?.delete(key)
  }

  function live(key: string, at: number): CounterState | undefined {
    const state = entries.get(key)
    if (state === undefined) return undefined
    if (state.resetAt <= at) {
      forget(key)
      return undefined
    }
    return state
  }

  function dropExpired(at: number): void {
    for (const queue of queues.values()) {
      for (const key of queue) {
        const state = entries.get(key)
        if (state !== undefined && state.resetAt > at) break
        forget(key)
      }
    }
  }

  return {
    async increment(key, ttlMs) {
      const at = now()
      const current = live(key, at)
      if (current !== undefined) {
        current.count += 1
        return { ...current }
      }
      if (entries.size >= maxEntries) dropExpired(at)
      if (entries.size >= maxEntries) throw new IprogStoreFullError(maxEntries)
      const state = { count: 1, resetAt: at + ttlMs }
      entries.set(key, state)
      windowOf.set(key, ttlMs)
      let queue = queues.get(ttlMs)
      if (queue === undefined) {
        queue = new Set()
        queues.set(ttlMs, queue)
      }
      queue.add(key)
      return { ...state }
    },
    async get(key) {
      const state = live(key, now())
      return state && { ...state }
    },
    async delete(key) {
      forget(key)
    },
  }
}
