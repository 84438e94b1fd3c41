import { IprogError, isIprogError } from '../errors.js'
import { parsePhone } from '../phone.js'
import { type GatewayBody, readString, toNumber } from './http/gateway-reply.js'
import type { BulkAccepted, BulkRejected } from './types.js'

export interface BulkPlan {
  /** Normalised, de-duplicated recipients split into gateway calls, in input order. */
  chunks: string[][]
  /** Invalid inputs, as given, with the reason. */
  rejected: BulkRejected[]
}

/**
 * Normalises every recipient, drops repeats (compared after normalisation, so `0917…` and
 * `+63 917…` are one person), sets invalid ones aside with their reason, and splits the rest
 * into chunks of at most `chunkSize`.
 *
 * @example
 * ```ts
 * planBulk(['0917 123 4567', '+639171234567', 'abc'], 500)
 * // { chunks: [['639171234567']], rejected: [{ to: 'abc', error: { code: 'validation_error', … } }] }
 * ```
 */
export function planBulk(recipients: readonly unknown[], chunkSize: number): BulkPlan {
  const unique = new Set<string>()
  const rejected: BulkRejected[] = []
  for (const input of recipients) {
    const parsed = parsePhone(input as string)
    if (parsed.ok) unique.add(parsed.value)
    else {
      rejected.push({
        to: String(input),
        error: { code: 'validation_error', message: parsed.reason, maybeDelivered: false },
      })
    }
  }
  const all = [...unique]
  const chunks: string[][] = []
  for (let i = 0; i < all.length; i += chunkSize) chunks.push(all.slice(i, i + chunkSize))
  return { chunks, rejected }
}

// `message_ids` and `sms_rates` come as one comma-separated string, or (some accounts) an array.
function splitList(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return value.map((item) => String(item).trim())
  if (typeof value === 'string' || typeof value === 'number') {
    return String(value)
      .split(',')
      .map((item) => item.trim())
  }
  return undefined
}

/**
 * Maps one `send_bulk` reply back to the chunk's recipients: the comma-separated
 * `message_ids` (and `sms_rates`, when present) are in recipient order. When the counts do not
 * match, no id is guessed: every recipient of the chunk is rejected with `bulk_mismatch` and
 * `maybeDelivered: true`, because the gateway did accept the call.
 *
 * @example
 * ```ts
 * mapBulkReply(['639171234567', '639181234567'], { status: 200, message_ids: 'iSms-a,iSms-b', sms_rates: '1,1' })
 * // { accepted: [{ to: '639171234567', messageId: 'iSms-a', smsRate: 1 }, …], rejected: [] }
 * ```
 */
export function mapBulkReply(
  chunk: readonly string[],
  body: GatewayBody,
): { accepted: BulkAccepted[]; rejected: BulkRejected[] } {
  const ids = splitList(body.message_ids) ?? splitList(readString(body, 'message_id'))
  const rates = splitList(body.sms_rates)
  if (ids?.length !== chunk.length || (rates && rates.length !== chunk.length)) {
    const got = `${ids?.length ?? 0} message ids${rates ? ` and ${rates.length} rates` : ''}`
    const error = new IprogError(
      'bulk_mismatch',
      `The IPROG gateway accepted ${chunk.length} recipients but answered ${got}; ` +
        'the messages may have been sent, check before resending',
      { maybeDelivered: true },
    )
    return { accepted: [], rejected: rejectAll(chunk, error, true) }
  }
  return {
    // toNumber: a missing or empty rate is no rate (Number('') would be 0).
    accepted: chunk.map((to, i) => ({ to, messageId: ids[i]!, smsRate: toNumber(rates?.[i]) })),
    rejected: [],
  }
}

/**
 * Rejects every recipient of a chunk with one error (`code` and `message` copied, so the
 * result stays plain data).
 *
 * @example
 * ```ts
 * rejectAll(['639171234567'], new IprogTimeoutError('slow', 10_000, true), true)
 * ```
 */
export function rejectAll(
  chunk: readonly string[],
  error: unknown,
  maybeDelivered: boolean,
): BulkRejected[] {
  const code = isIprogError(error) ? error.code : 'unknown_error'
  const message = error instanceof Error ? error.message : String(error)
  return chunk.map((to) => ({ to, error: { code, message, maybeDelivered } }))
}

/**
 * Runs `task(0..count-1)` with at most `concurrency` at once; stops starting new ones once
 * `stop()` says so (the caller aborted, or a failure makes the rest pointless). Tasks must not
 * throw. Gives the indexes that never started.
 *
 * @example
 * ```ts
 * const skipped = await runPool(chunks.length, 4, (i) => sendChunk(i), () => signal.aborted)
 * ```
 */
export async function runPool(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
  stop: () => boolean,
): Promise<number[]> {
  let next = 0
  const worker = async () => {
    while (next < count && !stop()) await task(next++)
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker))
  return Array.from({ length: count - next }, (_, i) => next + i)
}
