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

/** The field of a batch's hash that holds a settled run's answers (see `scripts.ts`). */
export const answersField = (token: string) => `a:${token}`

/**
 * The sent records in one run's answers (the value of its `a:{token}` field), by number.
 *
 * @example
 * ```ts
 * readAnswers('sent|1|1770343200000|j-x|t|\n|||\n639171234567\niSms-abc|1|').get('639171234567')
 * // 'sent|1|1770343200000|j-x|t|iSms-abc|1|||'
 * ```
 */
export function readAnswers(answers: string): Map<string, string> {
  const [head = '', tail = '', numbers = ''] = answers.split('\n', 3)
  // The answers come last: only they could hold a line break (in a message id).
  const list = answers.slice(head.length + tail.length + numbers.length + 3).split('|')
  const records = new Map<string, string>()
  for (const [i, number] of numbers.split('|').entries()) {
    records.set(number, `${head}${list[2 * i]}|${list[2 * i + 1]}${tail}`)
  }
  return records
}

/**
 * Reads batch records as they stand: a `sending` one whose run has settled is the sent record
 * in that run's answers. Each run's answers are fetched once (`read` gives a field of the
 * batch's hash); `known` takes answers met on the way (an HSCAN page holds them too).
 *
 * @example
 * ```ts
 * const records = answeredRecords((field) => redis.hget(recordsKey(prefix, batchId), field))
 * const packed = await records.resolve('639171234567', await redis.hget(…, '639171234567'))
 * ```
 */
export function answeredRecords(read: (field: string) => Promise<string | null>) {
  const byToken = new Map<string, Map<string, string> | undefined>()
  return {
    known(token: string, answers: string) {
      byToken.set(token, readAnswers(answers))
    },
    async resolve(number: string, packed: string): Promise<string> {
      if (!packed.startsWith('sending|')) return packed
      const { token } = unpackRecord(packed)
      if (!byToken.has(token)) {
        const answers = await read(answersField(token))
        byToken.set(token, answers === null ? undefined : readAnswers(answers))
      }
      return byToken.get(token)?.get(number) ?? packed
    },
  }
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
