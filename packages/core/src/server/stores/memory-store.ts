import type { CounterState, CounterStore } from './store.js'

export interface MemoryStoreOptions {
  /**
   * Most keys kept at once (default 100 000). Past it, expired keys go first, then the least
   * recently touched: memory stays bounded however many numbers and addresses an attacker cycles
   * through. Each key is a few hundred bytes.
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
  // A Map iterates in insertion order; re-inserting on every touch makes its head the least
  // recently used key.
  const entries = new Map<string, CounterState>()

  function live(key: string, at: number): CounterState | undefined {
    const state = entries.get(key)
    if (state === undefined) return undefined
    if (state.resetAt <= at) {
      entries.delete(key)
      return undefined
    }
    return state
  }

  // Evicting the head is O(1): a full sweep for expired keys on every insert would let a flood
  // of fresh keys cost O(n) each. The head is the stalest key, usually expired anyway.
  function makeRoom(): void {
    while (entries.size >= maxEntries) {
      const head = entries.keys().next()
      if (head.done) return
      entries.delete(head.value)
    }
  }

  return {
    async increment(key, ttlMs) {
      const at = now()
      const current = live(key, at)
      entries.delete(key)
      if (current === undefined) makeRoom()
      const next = current
        ? { count: current.count + 1, resetAt: current.resetAt }
        : { count: 1, resetAt: at + ttlMs }
      entries.set(key, next)
      return { ...next }
    },
    async get(key) {
      const state = live(key, now())
      return state && { ...state }
    },
    async delete(key) {
      entries.delete(key)
    },
  }
}
