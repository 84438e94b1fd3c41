/**
 * Work due at a moment of the sandbox clock (a status settling, a reminder firing). What
 * arrives in time order waits in lanes, plain arrays, O(1) each; the rest in a binary min-heap,
 * O(log n). A lane of one kind of work (every status settles at now + the same delay) holds
 * just the time and the subject, so a burst of sends allocates nothing to be scheduled.
 * Nothing runs by itself: the sandbox calls `runDue(now)` when a request arrives, when the
 * clock moves, and from one timer.
 */
export interface Agenda {
  add(at: number, task: () => void): void
  /**
   * A lane for many subjects of one kind of work, all run by `run`, which gets the moment
   * `runDue` runs them at. Its subjects run in the order they would if each were added as a
   * task of its own; one due before the lane's last becomes such a task.
   */
  lane<T>(run: (subject: T, now: number) => void): Lane<T>
  /** Runs every task due at or before `now`, earliest first (ties in insertion order). */
  runDue(now: number): void
  /** When the earliest task is due, or `undefined` when there is none. */
  nextAt(): number | undefined
  /** Drops every task, in the lanes too; the lanes stay usable. */
  clear(): void
  readonly size: number
}

export interface Lane<T> {
  add(at: number, subject: T): void
}

interface Entry {
  at: number
  seq: number
  task: (now: number) => void
}

// One lane as the agenda sees it: the time and insertion number of its first subject, and the
// way to run that subject, whatever its type.
interface LaneQueue {
  readonly waiting: number
  firstAt(): number
  firstSeq(): number
  runFirst(now: number): void
  clear(): void
}

const before = (at: number, seq: number, other: Entry) =>
  at < other.at || (at === other.at && seq < other.seq)

/**
 * Creates an empty agenda.
 *
 * @example
 * ```ts
 * const agenda = createAgenda()
 * agenda.add(clock.now() + 60_000, () => fire(reminder))
 * const statuses = agenda.lane((message: MessageRecord) => settle(message))
 * statuses.add(clock.now() + 2000, message)
 * agenda.runDue(clock.now())
 * ```
 */
export function createAgenda(): Agenda {
  const heap: Entry[] = []
  const lanes: LaneQueue[] = []
  let seq = 0

  const siftUp = (index: number) => {
    let i = index
    const entry = heap[i]!
    while (i > 0) {
      const parent = (i - 1) >> 1
      const p = heap[parent]!
      if (!before(entry.at, entry.seq, p)) break
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
      if (right < heap.length && before(heap[right]!.at, heap[right]!.seq, heap[child]!)) {
        child = right
      }
      if (!before(heap[child]!.at, heap[child]!.seq, entry)) break
      heap[i] = heap[child]!
      i = child
    }
    heap[i] = entry
  }

  const pushHeap = (at: number, task: (now: number) => void) => {
    heap.push({ at, seq: seq++, task })
    siftUp(heap.length - 1)
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

  const lane = <T>(run: (subject: T, now: number) => void): Lane<T> => {
    // Three parallel arrays: numbers stay unboxed, and a subject costs no object of its own.
    const ats: number[] = []
    const seqs: number[] = []
    const subjects: (T | undefined)[] = []
    let head = 0
    const empty = () => {
      ats.length = 0
      seqs.length = 0
      subjects.length = 0
      head = 0
    }
    lanes.push({
      get waiting() {
        return ats.length - head
      },
      firstAt: () => ats[head]!,
      firstSeq: () => seqs[head]!,
      runFirst(now) {
        const subject = subjects[head]!
        subjects[head] = undefined // let it go: the lane may hold many
        head++
        // Drop the run-through front now and then, so the arrays do not grow without end: in
        // place (`splice`), as a copy would allocate the whole lane again each time.
        if (head === ats.length) empty()
        else if (head >= 1024 && head * 2 >= ats.length) {
          ats.splice(0, head)
          seqs.splice(0, head)
          subjects.splice(0, head)
          head = 0
        }
        run(subject, now)
      },
      clear: empty,
    })
    return {
      add(at, subject) {
        if (head < ats.length && ats[ats.length - 1]! > at) {
          pushHeap(at, (now) => run(subject, now))
          return
        }
        ats.push(at)
        seqs.push(seq++)
        subjects.push(subject)
      },
    }
  }

  const tasks = lane<() => void>((task) => task())

  // The lane whose first subject is due next and comes before the heap's top, or `undefined`
  // when the heap's top is next (or nothing is waiting at all).
  const nextLane = (): LaneQueue | undefined => {
    let best: LaneQueue | undefined
    for (const queue of lanes) {
      if (queue.waiting === 0) continue
      if (best === undefined || queue.firstAt() < best.firstAt()) best = queue
      else if (queue.firstAt() === best.firstAt() && queue.firstSeq() < best.firstSeq()) {
        best = queue
      }
    }
    const top = heap[0]
    if (best === undefined || top === undefined) return best
    return before(best.firstAt(), best.firstSeq(), top) ? best : undefined
  }

  const nextAt = () => nextLane()?.firstAt() ?? heap[0]?.at

  return {
    add: (at, task) => tasks.add(at, task),
    lane,
    runDue(now) {
      for (;;) {
        const queue = nextLane()
        if (queue !== undefined) {
          if (queue.firstAt() > now) return
          queue.runFirst(now)
        } else {
          const top = heap[0]
          if (top === undefined || top.at > now) return
          popHeap().task(now)
        }
      }
    },
    nextAt,
    clear() {
      heap.length = 0
      for (const queue of lanes) queue.clear()
    },
    get size() {
      let size = heap.length
      for (const queue of lanes) size += queue.waiting
      return size
    },
  }
}
