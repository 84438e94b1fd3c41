import type { BatchProgress } from '@iprog-sms/core/queue'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type BatchSource, createBatchWatch } from './batches.js'

afterEach(() => {
  vi.useRealTimers()
})

const progress = (batchId: string, sent: number, total = 4): BatchProgress => ({
  batchId,
  total,
  queued: total - sent,
  sending: 0,
  sent,
  failed: 0,
  unknown: 0,
})

/** A queue whose counts the test sets; counts how often it is read. */
function fakeQueue() {
  const counts = new Map<string, BatchProgress | Error>()
  let listener: ((batchId: string) => void) | undefined
  const queue = {
    reads: 0,
    set: (value: BatchProgress | Error, batchId = 'b') => counts.set(batchId, value),
    enqueue: (batchId: string) => listener?.(batchId),
    source: {
      async batch(batchId: string) {
        queue.reads++
        const value = counts.get(batchId)
        if (value instanceof Error) throw value
        return value
      },
      onBatch(next: (batchId: string) => void) {
        listener = next
        return () => {
          listener = undefined
        }
      },
    } satisfies BatchSource,
  }
  return queue
}

describe('createBatchWatch', () => {
  it('publishes each change of a batch under way, and stops reading it once done', async () => {
    vi.useFakeTimers()
    const published: BatchProgress[] = []
    const watch = createBatchWatch({ publish: (p) => published.push(p), intervalMs: 100 })
    const queue = fakeQueue()
    watch.watch(queue.source)
    queue.set(progress('b', 0))
    queue.enqueue('b')
    await vi.advanceTimersByTimeAsync(0)
    await vi.advanceTimersByTimeAsync(100) // unchanged: nothing published
    queue.set(progress('b', 3))
    await vi.advanceTimersByTimeAsync(100)
    queue.set(new Error('Redis is down')) // a failed read is tried again next round
    await vi.advanceTimersByTimeAsync(100)
    queue.set(progress('b', 4))
    await vi.advanceTimersByTimeAsync(100)
    const reads = queue.reads
    await vi.advanceTimersByTimeAsync(1000)
    expect(queue.reads).toBe(reads) // done: no more reads
    expect(published.map((p) => p.sent)).toEqual([0, 3, 4])
    expect(watch.list()).toEqual([progress('b', 4)])
    watch.close()
  })

  it('keeps the latest batches only, and none of a queue it stopped following', async () => {
    const watch = createBatchWatch({ publish: () => {}, maxBatches: 2 })
    const queue = fakeQueue()
    const stop = watch.watch(queue.source)
    for (const id of ['a', 'b', 'c']) {
      queue.set(progress(id, 4), id)
      queue.enqueue(id)
    }
    await vi.waitFor(() => expect(watch.list().map((p) => p.batchId)).toEqual(['b', 'c']))
    stop()
    queue.set(progress('d', 4), 'd')
    queue.enqueue('d')
    expect(watch.list().map((p) => p.batchId)).toEqual(['b', 'c'])
    watch.close()
  })
})
