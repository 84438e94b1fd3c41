/**
 * The delivery queue's interface, shared by the embedded engine (`@iprog-sms/core/queue`) and
 * the BullMQ one (`@iprog-sms/bullmq`). Everything it returns is plain, JSON-serialisable data.
 */
import type { SmsClient } from '../client/types.js'

/**
 * Where one recipient stands.
 * - `queued`: waiting for a worker (also between retries).
 * - `sending`: a worker recorded the attempt and called the gateway; no answer yet.
 * - `sent`: the gateway accepted it (`messageId` set).
 * - `failed`: certainly not sent (refused, or every retry certainly never reached the gateway).
 * - `unknown`: may or may not have been sent (timeout, reset, 5xx, a worker died mid-call);
 *   never resent automatically: check the gateway, then `retry(key)` on purpose.
 */
export type SmsOutcomeState = 'queued' | 'sending' | 'sent' | 'failed' | 'unknown'

/** The final gateway status, recorded with `trackDelivery: true`. */
export type SmsDeliveryState = 'pending' | 'completed' | 'failed'

export interface SmsOutcome {
  key: string
  /** Normalised `639XXXXXXXXX`. */
  to: string
  state: SmsOutcomeState
  /** Set once a batch recipient: the batch it belongs to. */
  batchId?: string
  messageId?: string
  smsRate?: number
  /** Why it is `failed` or `unknown` (or why the last try did not go through). */
  error?: { code: string; message: string }
  /** Gateway calls made for this recipient. */
  attempts: number
  /** ISO-8601 time of the last change. */
  updatedAt: string
  delivery?: SmsDeliveryState
}

export interface EnqueueInput {
  to: string
  message: string
  /**
   * Idempotency key: a second `enqueue` with the same key (while its outcome is retained) sends
   * nothing and answers `duplicate: true`. Default: a random key.
   */
  key?: string
  smsProvider?: 0 | 1 | 2
  senderName?: string
}

export interface EnqueueResult {
  key: string
  /** True when the key was already queued or done: nothing new was queued. */
  duplicate: boolean
}

export interface EnqueueBulkInput {
  to: readonly string[]
  message: string
  /**
   * Names the batch; each recipient's key is `batchId:639XXXXXXXXX`, so the same batch enqueued
   * again (a retried request, a second instance) sends to each number once. Default: random.
   */
  batchId?: string
  smsProvider?: 0 | 1 | 2
  senderName?: string
}

export interface EnqueueBulkResult {
  batchId: string
  /** Recipients newly queued by this call. */
  accepted: number
  /** Recipients already in the batch (an earlier call queued them): not queued again. */
  duplicates: number
  /** Numbers that are not PH mobile numbers, as given, with the reason. Nothing was queued for them. */
  rejected: { to: string; error: { code: string; message: string } }[]
}

/** Progress counts of one batch; `total` is the sum of the others. */
export interface BatchProgress {
  batchId: string
  total: number
  queued: number
  sending: number
  sent: number
  failed: number
  unknown: number
}

/** What a queue needs from the client: `messages.send`, `sendBulk` and, with tracking, `waitForStatus`. */
export type QueueClient = Pick<SmsClient, 'messages'>

/**
 * One interface, two engines. Producers call `enqueue*`; whoever runs the workers (this process
 * for the embedded engine, `createSmsWorker` for BullMQ) sends.
 */
export interface SmsQueue {
  /**
   * Queues one SMS. The number is normalised and the message checked now: bad input throws an
   * `IprogValidationError` and queues nothing.
   *
   * @example
   * ```ts
   * const { key, duplicate } = await queue.enqueue({ to: '0917 123 4567', message: 'Hi', key: 'order-42' })
   * ```
   */
  enqueue(input: EnqueueInput): Promise<EnqueueResult>
  /**
   * Queues one message to many numbers, split into gateway-sized chunks (one `send_bulk` call
   * each). Invalid numbers are listed in `rejected`; repeats are one recipient.
   *
   * @example
   * ```ts
   * const { batchId, accepted } = await queue.enqueueBulk({ to: numbers, message: 'Sale!', batchId: 'promo-7' })
   * ```
   */
  enqueueBulk(input: EnqueueBulkInput): Promise<EnqueueBulkResult>
  /**
   * Where one recipient stands, or `undefined` for an unknown (or expired) key.
   *
   * @example
   * ```ts
   * const outcome = await queue.outcome('promo-7:639171234567') // { state: 'sent', messageId, … }
   * ```
   */
  outcome(key: string): Promise<SmsOutcome | undefined>
  /**
   * Progress counts of a batch, or `undefined` when there is no such batch.
   *
   * @example
   * ```ts
   * const { total, sent, unknown } = (await queue.batch('promo-7'))!
   * ```
   */
  batch(batchId: string): Promise<BatchProgress | undefined>
  /**
   * Every recipient's outcome in a batch, read in pages as you iterate (any order).
   *
   * @example
   * ```ts
   * for await (const outcome of queue.outcomes('promo-7')) if (outcome.state === 'unknown') review(outcome)
   * ```
   */
  outcomes(batchId: string): AsyncIterable<SmsOutcome>
  /**
   * Sends a `failed` or `unknown` recipient again, on purpose (it may then get the SMS twice if
   * an `unknown` one had in fact gone out). Gives false for other states and unknown keys.
   *
   * @example
   * ```ts
   * if (await queue.retry(key)) console.log('queued again')
   * ```
   */
  retry(key: string): Promise<boolean>
  /**
   * Calls `listener` with the batch id after each `enqueueBulk` through this queue (a new batch
   * or one enqueued again), so a view can follow its progress with `batch(batchId)`. Gives the
   * function that stops it. Batches enqueued by other instances (BullMQ) are not heard here.
   *
   * @example
   * ```ts
   * const stop = queue.onBatch((batchId) => console.log('batch', batchId))
   * ```
   */
  onBatch(listener: (batchId: string) => void): () => void
  /**
   * Resolves once nothing is queued or sending (nor being tracked, with `trackDelivery`).
   *
   * @example
   * ```ts
   * await queue.enqueueBulk({ to, message }); await queue.drain()
   * ```
   */
  drain(): Promise<void>
  /**
   * Stops taking work: new `enqueue` calls fail, in-flight sends finish; what is still queued
   * stays queued (BullMQ: in Redis for the next worker; embedded: dropped with the process).
   *
   * @example
   * ```ts
   * process.once('SIGTERM', () => queue.close())
   * ```
   */
  close(): Promise<void>
}
