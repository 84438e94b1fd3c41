/**
 * `createSmsWorker`: the sending side. Each job is one gateway call (`send` for one key,
 * `send_bulk` for a batch chunk). Before the call the job's recipients are claimed in Redis
 * (`sending`, owned by the job; a chunk enqueued as the job's own in one field); after it their
 * answers are recorded. A job handed out again after its worker died (stalled) finds its own
 * `sending` claims and marks them `unknown` instead of sending again.
 */
import { randomUUID } from 'node:crypto'
import { IprogError } from '@iprog-sms/core'
import {
  errorInfo,
  judgeError,
  judgeFailure,
  type QueueClient,
  type RetryPolicy,
  resolveRetryPolicy,
  retryDelay,
  type SendVerdict,
  type TrackDeliveryOptions,
} from '@iprog-sms/core/queue'
import { type Job, UnrecoverableError, Worker } from 'bullmq'
import { openConnection } from './connection.js'
import { keyPrefix, QUEUE_NAME } from './keys.js'
import {
  DEFAULT_RETENTION_MS,
  type JobRetention,
  numberOption,
  prefixOption,
  type SharedOptions,
} from './options.js'
import type { SmsJobData } from './records.js'
import { defineScripts, packable } from './scripts.js'
import { startTracking } from './tracking.js'

export interface BullmqWorkerOptions extends SharedOptions {
  client: QueueClient
  /** Jobs (gateway calls) this worker runs at once. Default 4. */
  concurrency?: number
  /** Gateway calls per second across every worker of this prefix (BullMQ's limiter). Default 10. */
  ratePerSecond?: number
  /** Backoff of retried sends (`attempts` is the producer's). */
  retry?: Omit<RetryPolicy, 'attempts'>
  /**
   * Poll each sent message's status until it is final (or `timeoutMs` passed) and record it as
   * `delivery`. The messages to poll are kept in Redis, so tracking goes on in another worker
   * (or this one restarted) when this one dies or closes. Give it to every worker of the prefix.
   */
  trackDelivery?: boolean | TrackDeliveryOptions
  /**
   * BullMQ's lock: a job whose worker stops renewing it for this long is handed to another
   * worker (which then marks its in-flight recipients `unknown`). Default 30 000 ms; keep it well
   * above the client's `timeoutMs`. Also the lease of the status polls a worker takes: messages
   * tracked by a dead worker are polled by another one after this long.
   */
  lockDurationMs?: number
  /** How often this worker looks for stalled jobs. Default 30 000 ms. */
  stalledIntervalMs?: number
  jobs?: JobRetention
}

export interface SmsWorker {
  /** The underlying BullMQ worker (events, metrics). */
  readonly bullmq: Worker<SmsJobData>
  /**
   * Graceful stop: takes no new job, waits for the jobs in flight to record their answers, stops
   * polling delivery status (the messages stay in Redis for the other workers, or the next one).
   */
  close(): Promise<void>
}

// A job whose recipients still need a try after a certain "not sent": BullMQ retries it with
// the backoff below; only recipients still `queued` are claimed on the next run.
class RetryLater extends Error {
  override name = 'RetryLater'
}

/**
 * Creates a worker and starts it. Run as many as you like, in any processes: the rate limit
 * holds across all of them.
 *
 * @example
 * ```ts
 * import { createClient } from '@iprog-sms/core'
 * import { createSmsWorker } from '@iprog-sms/bullmq'
 *
 * const worker = createSmsWorker({ connection: process.env.REDIS_URL!, client: createClient(), concurrency: 4, ratePerSecond: 20 })
 * process.once('SIGTERM', () => worker.close())
 * ```
 */
export function createSmsWorker(options: BullmqWorkerOptions): SmsWorker {
  const { client } = options
  const prefix = prefixOption(options.prefix)
  const scriptPrefix = keyPrefix(prefix)
  const retentionMs = numberOption(options.retentionMs, DEFAULT_RETENTION_MS, 1000, 'retentionMs')
  const concurrency = Math.floor(numberOption(options.concurrency, 4, 1, 'concurrency'))
  const ratePerSecond = numberOption(options.ratePerSecond, 10, 1, 'ratePerSecond')
  const policy = resolveRetryPolicy(options.retry)
  const trackOptions =
    options.trackDelivery === true ? {} : options.trackDelivery ? options.trackDelivery : undefined
  const track = trackOptions && {
    intervalMs: Math.floor(
      numberOption(trackOptions.intervalMs, 2000, 1, 'trackDelivery.intervalMs'),
    ),
    timeoutMs: Math.floor(
      numberOption(trackOptions.timeoutMs, 120_000, 1, 'trackDelivery.timeoutMs'),
    ),
  }
  const lockDurationMs = numberOption(options.lockDurationMs, 30_000, 100, 'lockDurationMs')
  const connection = openConnection(options.connection)
  const { redis } = connection
  const scripts = defineScripts(redis)
  const tracking =
    track &&
    startTracking({ scripts, client, scriptPrefix, track, leaseMs: lockDurationMs, concurrency })

  const process = async (job: Job<SmsJobData>) => {
    const { keys = [], to, message, batchId = '' } = job.data
    const sender = JSON.parse(job.data.sender) as Record<string, unknown>
    const token = randomUUID()
    // `key` below is how the scripts name a recipient: its number in a batch job, else its key.
    const items = batchId ? to : keys
    const claim = (list: string, chunk: number | '') =>
      scripts.smsClaim(scriptPrefix, job.id!, token, Date.now(), retentionMs, batchId, list, chunk)
    // A job enqueued as its own chunk is claimed without its numbers, unless that chunk was
    // claimed before (a run handed out again, a retry): then the script asks for them ('?').
    const chunk = batchId && job.data.chunk ? to.length : ''
    let marks = (await claim(
      chunk === '' ? (batchId ? to.join('|') : keys[0]!) : '',
      chunk,
    )) as string
    if (marks === '?') marks = (await claim(to.join('|'), chunk)) as string
    const mine: { key: string; to: string }[] = []
    for (let i = 0; i < marks.length; i++) {
      if (marks[i] === 'c') mine.push({ key: items[i]!, to: to[i]! })
    }
    if (mine.length === 0) return { claimed: 0 }
    // The settle script's arguments: the sent items and their `messageId|smsRate|` (one Redis
    // argument each, joined), then `key, state, errorCode, errorMessage` per other recipient.
    const sentItems: string[] = []
    let sentAnswers = ''
    const otherArgs: string[] = []
    let again = 0
    let bad = 0
    const record = (key: string, verdict: SendVerdict, error: unknown) => {
      const { code, message: text } = errorInfo(error)
      // Attempts so far are only known in Redis; the job's own count stands in for them.
      const retry = verdict === 'retry' && job.attemptsMade + 1 < policyAttempts(job)
      if (retry) again++
      else bad++
      const state = retry ? 'queued' : verdict === 'retry' ? 'failed' : verdict
      otherArgs.push(key, state, packable(code), text)
    }
    const ok = (key: string, messageId: string, smsRate: number | undefined) => {
      sentItems.push(key)
      sentAnswers += `${packable(messageId)}|${smsRate === undefined ? '' : smsRate}|`
    }

    if (!job.data.bulk || mine.length === 1) {
      const { key, to: number } = mine[0]!
      try {
        const result = await client.messages.send({ to: number, message, ...sender })
        ok(key, result.messageId, result.smsRate)
      } catch (error) {
        record(key, judgeError(error), error)
      }
    } else {
      const byNumber = new Map(mine.map((entry) => [entry.to, entry.key]))
      try {
        const result = await client.messages.sendBulk({
          to: [...byNumber.keys()],
          message,
          ...sender,
        })
        for (const accepted of result.accepted) {
          const key = byNumber.get(accepted.to)
          if (key !== undefined) ok(key, accepted.messageId, accepted.smsRate)
          byNumber.delete(accepted.to)
        }
        for (const rejected of result.rejected) {
          const key = byNumber.get(rejected.to)
          if (key !== undefined) record(key, judgeFailure(rejected.error), rejected.error)
          byNumber.delete(rejected.to)
        }
        if (byNumber.size > 0) {
          const missing = new IprogError(
            'bulk_mismatch',
            'The bulk answer did not list this recipient',
          )
          for (const key of byNumber.values()) record(key, 'unknown', missing)
        }
      } catch (error) {
        const verdict = judgeError(error)
        for (const key of byNumber.values()) record(key, verdict, error)
      }
    }

    await scripts.smsSettle(
      scriptPrefix,
      job.id!,
      token,
      Date.now(),
      retentionMs,
      track ? `${track.intervalMs}:${track.timeoutMs}` : '',
      batchId,
      batchId ? sentItems.join('|') : (sentItems[0] ?? ''),
      sentAnswers,
      ...otherArgs,
    )
    if (again > 0) throw new RetryLater(`${again} recipients to try again`)
    // Failed or unknown recipients: the job goes to BullMQ's failed set, kept for inspection.
    if (bad > 0)
      throw new UnrecoverableError(`${bad} of ${mine.length} recipients failed or unknown`)
    return { claimed: mine.length, sent: sentItems.length }
  }

  const worker = new Worker<SmsJobData>(QUEUE_NAME, process, {
    connection: connection.bullmq,
    prefix,
    concurrency,
    limiter: { max: ratePerSecond, duration: 1000 },
    lockDuration: lockDurationMs,
    stalledInterval: numberOption(options.stalledIntervalMs, 30_000, 100, 'stalledIntervalMs'),
    // A re-handed job only marks its own claims `unknown`: being handed out again is harmless.
    maxStalledCount: 1000,
    removeOnComplete: options.jobs?.removeOnComplete ?? { age: 3600, count: 1000 },
    removeOnFail: options.jobs?.removeOnFail ?? { age: retentionMs / 1000 },
    settings: { backoffStrategy: (attemptsMade) => retryDelay(attemptsMade, policy) },
  })
  // A worker without an 'error' listener would crash the process on a Redis hiccup.
  worker.on('error', () => {})

  return {
    bullmq: worker,
    async close() {
      await worker.close()
      await tracking?.stop()
      await connection.release()
    },
  }
}

// The producer sets `attempts` on each job; a job added without it gets one try.
function policyAttempts(job: Job<SmsJobData>): number {
  return job.opts.attempts ?? 1
}
