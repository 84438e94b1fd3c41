/**
 * The embedded engine: one process, memory only, zero dependencies. The same rules as the
 * BullMQ engine (a recipient is marked `sending` before its gateway call and only a certain
 * "not sent" is retried) without durability: what is queued when the process ends is gone, and
 * it is not shared between instances (use `@iprog-sms/bullmq` for that).
 */
import { invalid } from '../client/input-issues.js'
import { IprogError } from '../errors.js'
import { createBatchListeners } from './batch-listeners.js'
import {
  chunked,
  type PreparedSend,
  prepareBulk,
  prepareSend,
  recipientKey,
  type SenderFields,
} from './prepare.js'
import {
  errorInfo,
  judgeError,
  judgeFailure,
  type RetryPolicy,
  resolveRetryPolicy,
  retryDelay,
  type SendVerdict,
} from './send-policy.js'
import { createTokenBucket } from './token-bucket.js'
import type {
  BatchProgress,
  QueueClient,
  SmsDeliveryState,
  SmsOutcome,
  SmsOutcomeState,
  SmsQueue,
} from './types.js'

export interface TrackDeliveryOptions {
  /** Per message, passed to `waitForStatus`. Default 120 000. */
  timeoutMs?: number
  /** Passed to `waitForStatus`. Default 2000. */
  intervalMs?: number
}

export interface EmbeddedQueueOptions {
  client: QueueClient
  /** Gateway calls in flight at once. Default 4. */
  concurrency?: number
  /** Gateway calls started per second (a bulk chunk is one call). Default 10. */
  ratePerSecond?: number
  /** Recipients per `send_bulk` call. Default 500 (keep it at most the client's `bulkChunkSize`). */
  chunkSize?: number
  retry?: RetryPolicy
  /**
   * How long a finished outcome (`sent`, `failed`, `unknown`) is kept for `outcome`, `batch`
   * and de-duplication; a key enqueued again after that is sent again. Default 24 h.
   */
  retentionMs?: number
  /** Wait for each sent message's final gateway status and record it as `delivery`. */
  trackDelivery?: boolean | TrackDeliveryOptions
  /** Clock for `updatedAt` and retention. Default `Date.now`. */
  now?: () => number
}

interface Entry {
  outcome: SmsOutcome
  message: string
  sender: SenderFields
  /** When it reached a final state, for retention. */
  doneAt?: number
}

/** One gateway call's worth of recipients: `send` for one key, `send_bulk` for a chunk. */
interface Job {
  keys: string[]
  bulk: boolean
}

const FINAL: ReadonlySet<SmsOutcomeState> = new Set(['sent', 'failed', 'unknown'])

function positive(value: number | undefined, fallback: number, name: string): number {
  const resolved = value ?? fallback
  if (!(Number.isFinite(resolved) && resolved > 0)) {
    throw invalid(name, `${name} must be a number > 0`)
  }
  return resolved
}

/**
 * Creates the in-process delivery queue.
 *
 * @example
 * ```ts
 * import { createClient } from '@iprog-sms/core'
 * import { createSmsQueue } from '@iprog-sms/core/queue'
 *
 * const queue = createSmsQueue({ client: createClient(), concurrency: 4, ratePerSecond: 20 })
 * const { batchId } = await queue.enqueueBulk({ to: numbers, message: 'Sale!' })
 * await queue.drain()
 * console.log(await queue.batch(batchId)) // { total, sent, failed, unknown, … }
 * ```
 */
export function createSmsQueue(options: EmbeddedQueueOptions): SmsQueue {
  const { client } = options
  const concurrency = Math.floor(positive(options.concurrency, 4, 'concurrency'))
  const chunkSize = Math.floor(positive(options.chunkSize, 500, 'chunkSize'))
  const retentionMs = positive(options.retentionMs, 86_400_000, 'retentionMs')
  const policy = resolveRetryPolicy(options.retry)
  const now = options.now ?? Date.now
  const bucket = createTokenBucket({
    ratePerSecond: positive(options.ratePerSecond, 10, 'ratePerSecond'),
  })
  const track =
    options.trackDelivery === true ? {} : options.trackDelivery ? options.trackDelivery : undefined

  const entries = new Map<string, Entry>()
  const batchListeners = createBatchListeners()
  const batches = new Map<string, Set<string>>()
  const ready: Job[] = []
  const timers = new Set<ReturnType<typeof setTimeout>>()
  const idleWaiters: (() => void)[] = []
  const stopTracking = new AbortController()
  let active = 0
  let tracking = 0
  let closed = false
  let prunedAt = now()

  const stamp = () => new Date(now()).toISOString()

  const update = (entry: Entry, patch: Partial<SmsOutcome>) => {
    Object.assign(entry.outcome, patch, { updatedAt: stamp() })
    if (FINAL.has(entry.outcome.state)) entry.doneAt = now()
  }

  const idle = () => active === 0 && ready.length === 0 && timers.size === 0 && tracking === 0
  const wakeDrainers = () => {
    if (!idle()) return
    for (const resolve of idleWaiters.splice(0)) resolve()
  }

  const pump = () => {
    while (!closed && active < concurrency && ready.length > 0) {
      const job = ready.shift()!
      active++
      run(job).finally(() => {
        active--
        pump()
        wakeDrainers()
      })
    }
  }

  const schedule = (job: Job, delayMs = 0) => {
    if (delayMs <= 0) {
      ready.push(job)
      return pump()
    }
    const timer = setTimeout(() => {
      timers.delete(timer)
      ready.push(job)
      pump()
      wakeDrainers()
    }, delayMs)
    timers.add(timer)
  }

  const trackMessage = (entry: Entry, messageId: string) => {
    if (!track) return
    tracking++
    client.messages
      .waitForStatus(messageId, { ...track, signal: stopTracking.signal })
      .then(
        (result) => update(entry, { delivery: result.status as SmsDeliveryState }),
        () => {}, // still `pending`: the wait timed out or the status could not be read
      )
      .finally(() => {
        tracking--
        wakeDrainers()
      })
  }

  const settle = (group: Entry[], verdict: SendVerdict, error: unknown) => {
    const again: string[] = []
    for (const entry of group) {
      const info = errorInfo(error)
      if (verdict === 'retry' && entry.outcome.attempts < policy.attempts) {
        update(entry, { state: 'queued', error: info })
        again.push(entry.outcome.key)
      } else update(entry, { state: verdict === 'unknown' ? 'unknown' : 'failed', error: info })
    }
    if (again.length === 0) return
    const attempts = Math.max(...group.map((entry) => entry.outcome.attempts))
    schedule({ keys: again, bulk: again.length > 1 }, retryDelay(attempts, policy))
  }

  const markSent = (entry: Entry, messageId: string, smsRate: number | undefined) => {
    const { error: _error, ...rest } = entry.outcome
    entry.outcome = rest
    update(entry, {
      state: 'sent',
      messageId,
      ...(smsRate === undefined ? {} : { smsRate }),
      ...(track ? { delivery: 'pending' as const } : {}),
    })
    trackMessage(entry, messageId)
  }

  const run = async (job: Job) => {
    // Only what is still queued: a key can be retried by hand or pruned meanwhile.
    const claimed = job.keys
      .map((key) => entries.get(key))
      .filter((entry): entry is Entry => entry?.outcome.state === 'queued')
    if (claimed.length === 0) return
    await bucket.take()
    for (const entry of claimed) {
      update(entry, { state: 'sending', attempts: entry.outcome.attempts + 1 })
    }
    const { message, sender } = claimed[0]!
    if (!job.bulk || claimed.length === 1) {
      const entry = claimed[0]!
      try {
        const sent = await client.messages.send({ to: entry.outcome.to, message, ...sender })
        markSent(entry, sent.messageId, sent.smsRate)
      } catch (error) {
        settle([entry], judgeError(error), error)
      }
      return
    }
    const byNumber = new Map(claimed.map((entry) => [entry.outcome.to, entry]))
    try {
      const result = await client.messages.sendBulk({
        to: [...byNumber.keys()],
        message,
        ...sender,
      })
      for (const accepted of result.accepted) {
        const entry = byNumber.get(accepted.to)
        if (entry) markSent(entry, accepted.messageId, accepted.smsRate)
        byNumber.delete(accepted.to)
      }
      for (const rejected of result.rejected) {
        const entry = byNumber.get(rejected.to)
        if (entry) settle([entry], judgeFailure(rejected.error), rejected.error)
        byNumber.delete(rejected.to)
      }
      // The gateway's answer named neither: it may have gone out.
      const missing = new IprogError('bulk_mismatch', 'The bulk answer did not list this recipient')
      settle([...byNumber.values()], 'unknown', missing)
    } catch (error) {
      settle([...byNumber.values()], judgeError(error), error)
    }
  }

  const prune = () => {
    const at = now()
    if (at - prunedAt < Math.min(retentionMs, 60_000)) return
    prunedAt = at
    for (const [key, entry] of entries) {
      if (entry.doneAt === undefined || at - entry.doneAt < retentionMs) continue
      entries.delete(key)
      const batchId = entry.outcome.batchId
      const keys = batchId === undefined ? undefined : batches.get(batchId)
      keys?.delete(key)
      if (keys?.size === 0) batches.delete(batchId!)
    }
  }

  const refuseWhenClosed = () => {
    if (closed) throw new IprogError('queue_closed', 'The queue is closed: nothing was queued')
  }

  const newEntry = (prepared: PreparedSend, batchId?: string): Entry => ({
    message: prepared.message,
    sender: prepared.sender,
    outcome: {
      key: prepared.key,
      to: prepared.to,
      state: 'queued',
      ...(batchId === undefined ? {} : { batchId }),
      attempts: 0,
      updatedAt: stamp(),
    },
  })

  return {
    async enqueue(input) {
      refuseWhenClosed()
      const prepared = prepareSend(input)
      prune()
      if (entries.has(prepared.key)) return { key: prepared.key, duplicate: true }
      entries.set(prepared.key, newEntry(prepared))
      schedule({ keys: [prepared.key], bulk: false })
      return { key: prepared.key, duplicate: false }
    },

    async enqueueBulk(input) {
      refuseWhenClosed()
      const { batchId, message, sender, recipients, rejected } = prepareBulk(input)
      prune()
      const keys = batches.get(batchId) ?? new Set<string>()
      batches.set(batchId, keys)
      const fresh: string[] = []
      for (const to of recipients) {
        const key = recipientKey(batchId, to)
        if (entries.has(key)) continue
        entries.set(key, newEntry({ key, to, message, sender }, batchId))
        keys.add(key)
        fresh.push(key)
      }
      for (const chunk of chunked(fresh, chunkSize)) schedule({ keys: chunk, bulk: true })
      batchListeners.notify(batchId)
      return {
        batchId,
        accepted: fresh.length,
        duplicates: recipients.length - fresh.length,
        rejected,
      }
    },

    onBatch: (listener) => batchListeners.add(listener),

    async outcome(key) {
      const outcome = entries.get(key)?.outcome
      return outcome === undefined ? undefined : { ...outcome }
    },

    async batch(batchId) {
      const keys = batches.get(batchId)
      if (keys === undefined) return undefined
      const progress: BatchProgress = {
        batchId,
        total: 0,
        queued: 0,
        sending: 0,
        sent: 0,
        failed: 0,
        unknown: 0,
      }
      for (const key of keys) {
        const state = entries.get(key)?.outcome.state
        if (state === undefined) continue
        progress[state]++
        progress.total++
      }
      return progress
    },

    async *outcomes(batchId) {
      for (const key of [...(batches.get(batchId) ?? [])]) {
        const outcome = entries.get(key)?.outcome
        if (outcome) yield { ...outcome }
      }
    },

    async retry(key) {
      refuseWhenClosed()
      const entry = entries.get(key)
      if (entry?.outcome.state !== 'failed' && entry?.outcome.state !== 'unknown') return false
      update(entry, { state: 'queued' })
      entry.doneAt = undefined
      schedule({ keys: [key], bulk: false })
      return true
    },

    drain() {
      return idle() ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve))
    },

    async close() {
      closed = true
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      ready.length = 0
      stopTracking.abort()
      await new Promise<void>((resolve) => {
        if (active === 0 && tracking === 0) return resolve()
        idleWaiters.push(resolve)
      })
    },
  }
}
