/** Reading an outcome hash back into an `SmsOutcome`. */
import type { SmsDeliveryState, SmsOutcome, SmsOutcomeState } from '@iprog-sms/core/queue'
import { unpackRecord } from './scripts.js'

/**
 * The outcome of one packed record (see `scripts.ts`).
 *
 * @example
 * ```ts
 * toOutcome({ key: 'order-42', to: '639171234567' }, 'sent|1|1770343200000|j-x|t|iSms-abc|1||||')
 * ```
 */
export function toOutcome(
  where: { key: string; to: string; batchId?: string },
  packed: string,
): SmsOutcome {
  const record = unpackRecord(packed)
  const outcome: SmsOutcome = {
    key: where.key,
    to: where.to,
    state: record.state as SmsOutcomeState,
    attempts: record.attempts,
    updatedAt: new Date(record.updatedAt).toISOString(),
  }
  if (where.batchId !== undefined) outcome.batchId = where.batchId
  if (record.messageId) outcome.messageId = record.messageId
  if (record.smsRate) outcome.smsRate = Number(record.smsRate)
  if (record.errorCode) outcome.error = { code: record.errorCode, message: record.errorMessage }
  if (record.delivery) outcome.delivery = record.delivery as SmsDeliveryState
  return outcome
}

/** What one BullMQ job carries: one gateway call's recipients and the message. */
export interface SmsJobData {
  /** The batch of a `send_bulk` job; absent for single sends. */
  batchId?: string
  /** A single send's key; absent in batch jobs, whose keys are `batchId:number`. */
  keys?: string[]
  to: string[]
  message: string
  /** JSON of the sender fields (`smsProvider`, `senderName`), `{}` when none. */
  sender: string
  /** `send_bulk` (a batch chunk) rather than one `send`. */
  bulk: boolean
}
