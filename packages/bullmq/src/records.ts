/** Reading an outcome hash back into an `SmsOutcome`. */
import type { SmsDeliveryState, SmsOutcome, SmsOutcomeState } from '@iprog-sms/core/queue'

/**
 * The outcome stored in one hash, or `undefined` for a missing one.
 *
 * @example
 * ```ts
 * toOutcome('order-42', await redis.hgetall('iprog-sms:o:order-42'))
 * ```
 */
export function toOutcome(key: string, hash: Record<string, string>): SmsOutcome | undefined {
  if (hash.state === undefined || hash.to === undefined) return undefined
  const outcome: SmsOutcome = {
    key,
    to: hash.to,
    state: hash.state as SmsOutcomeState,
    attempts: Number(hash.attempts ?? 0),
    updatedAt: new Date(Number(hash.updatedAt)).toISOString(),
  }
  if (hash.batchId !== undefined) outcome.batchId = hash.batchId
  if (hash.messageId !== undefined) outcome.messageId = hash.messageId
  if (hash.smsRate !== undefined) outcome.smsRate = Number(hash.smsRate)
  if (hash.errorCode !== undefined) {
    outcome.error = { code: hash.errorCode, message: hash.errorMessage ?? '' }
  }
  if (hash.delivery !== undefined) outcome.delivery = hash.delivery as SmsDeliveryState
  return outcome
}

/** What one BullMQ job carries: one gateway call's recipients and the message. */
export interface SmsJobData {
  keys: string[]
  to: string[]
  message: string
  /** JSON of the sender fields (`smsProvider`, `senderName`), `{}` when none. */
  sender: string
  /** `send_bulk` (a batch chunk) rather than one `send`. */
  bulk: boolean
}
