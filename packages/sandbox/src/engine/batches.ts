/**
 * The batches of an app's delivery queue, for the inbox. A batch lives in the app's queue, not
 * in the sandbox: the sandbox only sees the `send_bulk` calls the queue makes. So the app hands
 * its queue to the sandbox (`createSandbox({ queues })` or `sandbox.watchBatches(queue)`); the
 * queue's `onBatch` names each batch it takes, and the sandbox reads its progress with
 * `batch(batchId)` while it is under way, publishing each change to the inbox as a `batch`
 * event. Both engines fit: `@iprog-sms/core/queue` and `@iprog-sms/bullmq` (whose workers
 * may run elsewhere: reading progress from Redis is what makes it live).
 */
import type { BatchProgress } from '@iprog-sms/core/queue'

/** What the inbox needs of a queue: the two methods both engines have. */
export interface BatchSource {
  batch(batchId: string): Promise<BatchProgress | undefined>
  onBatch(listener: (batchId: string) => void): () => void
}

export interface BatchWatch {
  /** Follows a queue's batches from now on; gives the function that stops following it. */
  watch(source: BatchSource): () => void
  /** The batches known, oldest first. */
  list(): BatchProgress[]
  /** Forgets the batches (the queues stay followed). */
  clear(): void
  close(): void
}

export interface BatchWatchOptions {
  /** Called with each batch whose counts changed. */
  publish(progress: BatchProgress): void
  /** How often a batch under way is read. Default 250 ms. */
  intervalMs?: number
  /** Batches kept for the inbox, the oldest dropped first. Default 50. */
  maxBatches?: number
}

interface Followed {
  source: BatchSource
  progress: BatchProgress | undefined
  /** Read again on the next round: not yet known to be done. */
  active: boolean
}

const done = (p: BatchProgress) => p.queued === 0 && p.sending === 0

const same = (a: BatchProgress | undefined, b: BatchProgress) =>
  a !== undefined &&
  a.total === b.total &&
  a.queued === b.queued &&
  a.sending === b.sending &&
  a.sent === b.sent &&
  a.failed === b.failed &&
  a.unknown === b.unknown

/**
 * Creates a watch with no queues.
 *
 * @example
 * ```ts
 * const watch = createBatchWatch({ publish: (progress) => console.log(progress) })
 * const stop = watch.watch(queue) // from now on, each enqueueBulk's batch is followed
 * ```
 */
export function createBatchWatch(options: BatchWatchOptions): BatchWatch {
  const intervalMs = options.intervalMs ?? 250
  const maxBatches = options.maxBatches ?? 50
  const batches = new Map<string, Followed>()
  const sources = new Map<BatchSource, () => void>()
  let timer: ReturnType<typeof setTimeout> | undefined
  let reading = false
  let closed = false

  const read = async (batchId: string, followed: Followed) => {
    let progress: BatchProgress | undefined
    try {
      progress = await followed.source.batch(batchId)
    } catch {
      return // the queue's store is unreachable: read again next round
    }
    if (batches.get(batchId) !== followed) return // forgotten meanwhile
    if (progress === undefined) return
    followed.active = !done(progress)
    if (same(followed.progress, progress)) return
    followed.progress = { ...progress }
    options.publish(followed.progress)
  }

  const round = async () => {
    timer = undefined
    reading = true
    try {
      await Promise.all(
        [...batches].filter(([, f]) => f.active).map(([batchId, f]) => read(batchId, f)),
      )
    } finally {
      reading = false
    }
    arm()
  }

  // One timer, only while some batch is under way.
  function arm() {
    if (closed || timer !== undefined || reading) return
    if (![...batches.values()].some((f) => f.active)) return
    timer = setTimeout(round, intervalMs)
    ;(timer as { unref?: () => void }).unref?.()
  }

  const follow = (source: BatchSource, batchId: string) => {
    if (closed) return
    const known = batches.get(batchId)
    // Enqueued again: read it again, it may have grown.
    const followed: Followed = { source, progress: known?.progress, active: true }
    batches.delete(batchId)
    batches.set(batchId, followed)
    while (batches.size > maxBatches) batches.delete(batches.keys().next().value!)
    void read(batchId, followed).then(arm)
  }

  return {
    watch(source) {
      if (sources.has(source)) return sources.get(source)!
      const stopListening = source.onBatch((batchId) => follow(source, batchId))
      const stop = () => {
        stopListening()
        sources.delete(source)
        for (const f of batches.values()) if (f.source === source) f.active = false
      }
      sources.set(source, stop)
      return stop
    },
    list: () => [...batches.values()].flatMap((f) => (f.progress ? [{ ...f.progress }] : [])),
    clear: () => batches.clear(),
    close() {
      closed = true
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      for (const stop of [...sources.values()]) stop()
    },
  }
}
