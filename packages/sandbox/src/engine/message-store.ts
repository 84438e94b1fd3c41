/**
 * The captured messages a sandbox keeps: the latest `cap` of them, oldest first, each found by
 * its id. They sit in a ring in the order they were sent, and an id encodes its message's
 * sequence number (`message-ids.ts`), so finding one is arithmetic and a send costs one slot
 * written: no index of ids to grow, look up and prune on every send, which at 100,000 kept
 * messages was most of what a send cost the sandbox.
 */
import { createMessageIds, ID_COUNT } from './message-ids.js'

export interface MessageStore<M extends { id: string }> {
  /**
   * Keeps the message `build` makes for its new id and returns it. Past the cap, the oldest
   * is dropped.
   */
  keep(build: (id: string) => M): M
  /** The kept message with this id. */
  find(id: string): M | undefined
  /** Whether a message is still kept: not dropped past the cap, nor cleared. */
  holds(message: M): boolean
  /** The kept messages, oldest first; with `latest`, only that many of the newest. */
  list(latest?: number): M[]
  /** Drops every message; ids go on from where they were, so no old id finds a new message. */
  clear(): void
  readonly size: number
}

/**
 * Refuses a cap the store cannot keep to: a whole number of messages, 0 (keep none) or more;
 * `Infinity` keeps every one.
 *
 * @example
 * ```ts
 * checkMessageCap(100_000) // 100000
 * checkMessageCap(-1) // throws RangeError
 * ```
 */
export function checkMessageCap(cap: number): number {
  if (!(cap >= 0 && (Number.isInteger(cap) || cap === Number.POSITIVE_INFINITY))) {
    throw new RangeError('maxMessages must be a whole number >= 0, or Infinity')
  }
  return cap
}

/**
 * Creates an empty store keeping at most `cap` messages, its ids drawn from `random`.
 *
 * Ids repeat after `ID_COUNT` messages (62⁶), far more than any sandbox process sends or can
 * hold, so the kept messages never share one.
 *
 * @example
 * ```ts
 * const messages = createMessageStore(100_000, state.random)
 * const record = messages.keep((id) => ({ id, message: 'Hi' }))
 * messages.find(record.id) === record // true
 * ```
 */
export function createMessageStore<M extends { id: string }>(
  cap: number,
  random: () => number,
): MessageStore<M> {
  checkMessageCap(cap)
  const ids = createMessageIds(random)
  // The message with sequence number s is at ring[(s - start) % cap], for s from `oldest` up to
  // `next` - 1. `start` is where the ring began filling: 0, or `next` at the last clear.
  let ring: M[] = []
  let start = 0
  let oldest = 0
  let next = 0

  const at = (sequence: number) => ring[(sequence - start) % cap]!

  const find = (id: string) => {
    const encoded = ids.sequenceOf(id)
    if (encoded === undefined) return undefined
    // The id gives the sequence number modulo ID_COUNT, and the kept ones span fewer numbers:
    // the one it can be is in the same round of ID_COUNT as the oldest, or the next round.
    const round = oldest < ID_COUNT ? 0 : oldest - (oldest % ID_COUNT)
    const sequence = round + encoded < oldest ? round + ID_COUNT + encoded : round + encoded
    if (sequence >= next) return undefined
    const message = at(sequence)
    return message.id === id ? message : undefined
  }

  return {
    keep(build) {
      const sequence = next++
      const message = build(ids.idOf(sequence))
      const slot = sequence - start
      if (slot < cap) ring.push(message)
      else if (cap > 0) ring[slot % cap] = message
      if (next - oldest > cap) oldest = next - cap
      return message
    },
    find,
    holds: (message) => find(message.id) === message,
    list(latest = Number.POSITIVE_INFINITY) {
      const list: M[] = []
      for (let s = Math.max(oldest, next - latest); s < next; s++) list.push(at(s))
      return list
    },
    clear() {
      ring = []
      start = next
      oldest = next
    },
    get size() {
      return next - oldest
    },
  }
}
