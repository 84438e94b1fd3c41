/**
 * Work due at a moment of the sandbox clock (a status settling, a reminder firing), kept in a
 * binary min-heap so a burst of sends stays O(log n) each. Nothing runs by itself: the sandbox
 * calls `runDue(now)` when a request arrives, when the clock moves, and from one timer.
 */
export interface Agenda {
  add(at: number, task: () => void): void
  /** Runs every task due at or before `now`, earliest first (ties in insertion order). */
  runDue(now: number): void
  /** When the earliest task is due, or `undefined` when there is none. */
  nextAt(): number | undefined
  clear(): void
  readonly size: number
}

interface Entry {
  at: number
  seq: number
  task: () => void
}

const before = (a: Entry, b: Entry) => a.at < b.at || (a.at === b.at && a.seq < b.seq)

/**
 * Creates an empty agenda.
 *
 * @example
 * ```ts
 * const agenda = createAgenda()
 * agenda.add(clock.now() + 2000, () => settle(message))
 * agenda.runDue(clock.now())
 * ```
 */
export function createAgenda(): Agenda {
  const heap: Entry[] = []
  let seq = 0

  const siftUp = (index: number) => {
    let i = index
    const entry = heap[i]!
    while (i > 0) {
      const parent = (i - 1) >> 1
      const p = heap[parent]!
      if (!before(entry, p)) break
      heap[i] = p
      i = parent
    }
    heap[i] = entry
  }

  const siftDown = (index: number) => {
    let i = index
    const entry = heap[i]!
    const half = heap.length >> 1
    while (i < half) {
      let child = 2 * i + 1
      const right = child + 1
      if (right < heap.length && before(heap[right]!, heap[child]!)) child = right
      if (!before(heap[child]!, entry)) break
      heap[i] = heap[child]!
      i = child
    }
    heap[i] = entry
  }

  const pop = (): Entry => {
    const top = heap[0]!
    const last = heap.pop()!
    if (heap.length > 0) {
      heap[0] = last
      siftDown(0)
    }
    return top
  }

  return {
    add(at, task) {
      heap.push({ at, seq: seq++, task })
      siftUp(heap.length - 1)
    },
    runDue(now) {
      while (heap.length > 0 && heap[0]!.at <= now) pop().task()
    },
    nextAt: () => heap[0]?.at,
    clear() {
      heap.length = 0
    },
    get size() {
      return heap.length
    },
  }
}
