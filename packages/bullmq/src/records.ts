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

/** The field of a batch's hash that says how a job's chunk was claimed (see `scripts.ts`). */
export const chunkField = (jobId: string) => `c:${jobId}`

/**
 * The record of a recipient still in its chunk's enqueued form (`queued|0|{at}|{jobId}||…`) once
 * that chunk was claimed in one step (`chunk` = its `c:{jobId}` field, `token|attempts|at`):
 * `sending` by that claim. Any other record, or chunk field, gives the record as it is.
 *
 * @example
 * ```ts
 * claimedByChunk('queued|0|1770343200000|j-x||||||', 't|1|1770343201000')
 * // 'sending|1|1770343201000|j-x|t|||||'
 * ```
 */
export function claimedByChunk(packed: string, chunk: string | null | undefined): string {
  const claim = chunk?.match(/^([^|]+)\|(\d+)\|(\d+)$/)
  if (!claim) return packed
  const parts = packed.split('|')
  parts[0] = 'sending'
  parts[1] = claim[2]!
  parts[2] = claim[3]!
  parts[4] = claim[1]!
  return parts.join('|')
}

// The enqueued form of a chunk's record: queued, an owner (the job), no token.
const inChunk = (packed: string) => {
  if (!packed.startsWith('queued|')) return undefined
  const { owner, token } = unpackRecord(packed)
  return owner !== '' && token === '' ? owner : undefined
}

/**
 * Reads batch records as they stand: one in its chunk's enqueued form reads through the chunk's
 * field, and a `sending` one whose run has settled is the sent record in that run's answers.
 * Each chunk field and each run's answers are fetched once (`read` gives a field of the batch's
 * hash); `known` takes fields met on the way (an HSCAN page holds them too).
 *
 * @example
 * ```ts
 * const records = answeredRecords((field) => redis.hget(recordsKey(prefix, batchId), field))
 * const packed = await records.resolve('639171234567', await redis.hget(…, '639171234567'))
 * ```
 */
export function answeredRecords(read: (field: string) => Promise<string | null>) {
  const byToken = new Map<string, Map<string, string> | undefined>()
  const chunks = new Map<string, string | null>()
  return {
    /** A field of the hash that is not a recipient (`a:{token}` or `c:{jobId}`). */
    known(field: string, value: string) {
      if (field.startsWith('a:')) byToken.set(field.slice(2), readAnswers(value))
      else if (field.startsWith('c:')) chunks.set(field.slice(2), value)
    },
    async resolve(number: string, stored: string): Promise<string> {
      let packed = stored
      const jobId = inChunk(packed)
      if (jobId !== undefined) {
        if (!chunks.has(jobId)) chunks.set(jobId, await read(chunkField(jobId)))
        packed = claimedByChunk(packed, chunks.get(jobId))
      }
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
  /**
   * Its recipients were enqueued as this job's chunk (their records name its id): the first run
   * claims them with one field instead of 500 records (see `scripts.ts`).
   */
  chunk?: boolean
}
