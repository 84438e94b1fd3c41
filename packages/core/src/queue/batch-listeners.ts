/**
 * `onBatch`: who wants to hear of the batches a queue takes (the sandbox inbox, a dashboard).
 * Both engines hold one of these and tell it the batch id after each `enqueueBulk`.
 */

/** Hears the id of a batch just enqueued (new, or enqueued again). */
export type BatchListener = (batchId: string) => void

export interface BatchListeners {
  /** Adds a listener; gives the function that removes it. */
  add(listener: BatchListener): () => void
  /** Tells every listener. A listener that throws is skipped: it must not fail the enqueue. */
  notify(batchId: string): void
}

/**
 * A set of batch listeners.
 *
 * @example
 * ```ts
 * const listeners = createBatchListeners()
 * const stop = listeners.add((batchId) => console.log('batch', batchId))
 * listeners.notify('promo-7') // logs "batch promo-7"
 * stop()
 * ```
 */
export function createBatchListeners(): BatchListeners {
  const listeners = new Set<BatchListener>()
  return {
    add(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    notify(batchId) {
      for (const listener of listeners) {
        try {
          listener(batchId)
        } catch {
          // A listener's failure is its own; the batch is queued either way.
        }
      }
    },
  }
}
