/**
 * The storage the server layer needs for rate limits and OTP attempt counters: counters that
 * expire. Three operations, so a Redis implementation (INCR + PEXPIRE NX, GET, DEL) is a few
 * lines; `createMemoryStore` is the in-process default.
 */

/** A counter and when it expires. */
export interface CounterState {
  count: number
  /** Epoch milliseconds when the counter disappears. */
  resetAt: number
}

/**
 * Expiring counters. Implementations must make `increment` atomic: two concurrent calls on one
 * key must see two different counts, or a limit could be overrun by parallel requests.
 */
export interface CounterStore {
  /**
   * Adds 1 to `key` and returns the new state. A missing or expired key starts at 1 with a
   * window of `ttlMs`; an existing key keeps its expiry (a fixed window, not a sliding one).
   */
  increment(key: string, ttlMs: number): Promise<CounterState>
  /** The current state, or `undefined` when missing or expired. */
  get(key: string): Promise<CounterState | undefined>
  delete(key: string): Promise<void>
}
