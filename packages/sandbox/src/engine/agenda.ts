/**
 * Work due at a moment of the sandbox clock (a status settling, a reminder firing), kept in a
 * queue for what arrives in time order and a binary min-heap for the rest, so a burst of sends
 * stays O(1) each and anything else O(log n). Nothing runs by itself: the sandbox
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
  // Entries added in time order (every status: each send adds now + the same delay) wait in a
  // plain queue, O(1) each; only one earlier than the queue's last (a reminder, a changed
  // delay) goes to the heap. Both are sorted, so the earlier of their heads is the next task.
  const queue: Entry[] = []
  let head = 0
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

  const popHeap = (): Entry => {
    const top = heap[0]!
    const last = heap.pop()!
    if (heap.length > 0) {
      heap[0] = last
      siftDown(0)
    }
    return top
  }

  const shiftQueue = (): Entry => {
    const first = queue[head++]!
    // Drop the run-through front now and then, so the queue does not grow without end.
    if (head === queue.length) {
      queue.length = 0
      head = 0
    } else if (head >= 1024 && head * 2 >= queue.length) {
      queue.splice(0, head)
      head = 0
    }
    return first
  }

  const peek = (): Entry | undefined => {
    const fromQueue = head < queue.length ? queue[head] : undefined
    const fromHeap = heap[0]
    if (fromQueue === undefined) return fromHeap
    if (fromHeap === undefined) return fromQueue
    return before(fromHeap, fromQueue) ? fromHeap : fromQueue
  }

  return {
    add(at, task) {
      const entry = { at, seq: seq++, task }
      if (head === queue.length || queue[queue.length - 1]!.at <= at) queue.push(entry)
      else {
        heap.push(entry)
        siftUp(heap.length - 1)
      }
    },
    runDue(now) {
      for (let next = peek(); next !== undefined && next.at <= now; next = peek()) {
        const entry = next === heap[0] ? popHeap() : shiftQueue()
        entry.task()
      }
    },
    nextAt: () => peek()?.at,
    clear() {
      heap.length = 0
      queue.length = 0
      head = 0
    },
    get size() {
      return heap.length + queue.length - head
    },
  }
}
