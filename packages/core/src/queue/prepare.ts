/**
 * Input checks and key derivation shared by every queue engine: bad input is refused at
 * `enqueue`, before anything is queued, with the same `IprogValidationError` as the client's.
 */
import { planBulk } from '../client/bulk.js'
import { type Issues, inputObject, phoneField, throwIfIssues } from '../client/input-issues.js'
import type { EnqueueBulkInput, EnqueueBulkResult, EnqueueInput } from './types.js'

/** Sender fields passed through to the client's send call, when set. */
export interface SenderFields {
  smsProvider?: 0 | 1 | 2
  senderName?: string
}

export interface PreparedSend {
  key: string
  to: string
  message: string
  sender: SenderFields
}

export interface PreparedBulk {
  batchId: string
  message: string
  sender: SenderFields
  /** Normalised, de-duplicated recipients in input order. */
  recipients: string[]
  rejected: EnqueueBulkResult['rejected']
}

// Keys and batch ids end up in Redis keys, URLs (`GET /batches/:id`) and logs: printable, short.
const KEY = /^[\x21-\x7e]{1,200}$/
const BATCH_ID = /^[\w.~-]{1,100}$/

/**
 * The key of one recipient of a batch: the batch id and the normalised number, so the same
 * batch enqueued twice gives the same keys.
 *
 * @example
 * ```ts
 * recipientKey('promo-7', '639171234567') // 'promo-7:639171234567'
 * ```
 */
export function recipientKey(batchId: string, to: string): string {
  return `${batchId}:${to}`
}

function messageAt(value: unknown, issues: Issues): string {
  if (typeof value !== 'string' || value.trim() === '') {
    issues.push({ path: ['message'], message: 'message must be a non-empty string' })
    return ''
  }
  return value
}

function senderOf(input: SenderFields): SenderFields {
  const sender: SenderFields = {}
  if (input.smsProvider !== undefined) sender.smsProvider = input.smsProvider
  if (input.senderName !== undefined) sender.senderName = input.senderName
  return sender
}

/**
 * Checks one `enqueue` input: the number normalised, the message a non-empty string, the key
 * printable ASCII of at most 200 characters (default: a random UUID).
 *
 * @example
 * ```ts
 * prepareSend({ to: '0917 123 4567', message: 'Hi', key: 'order-42' }) // { key: 'order-42', to: '639171234567', … }
 * ```
 */
export function prepareSend(input: EnqueueInput): PreparedSend {
  const { to: rawTo, message: rawMessage, key: rawKey } = inputObject(input, 'enqueue input')
  const issues: Issues = []
  const to = phoneField(rawTo, 'to', issues)
  const message = messageAt(rawMessage, issues)
  const key = rawKey === undefined ? globalThis.crypto.randomUUID() : rawKey
  if (typeof key !== 'string' || !KEY.test(key)) {
    issues.push({
      path: ['key'],
      message: 'key must be 1-200 printable ASCII characters, no spaces',
    })
  }
  throwIfIssues(issues)
  return { key, to: to!, message, sender: senderOf(input) }
}

/**
 * Checks one `enqueueBulk` input: numbers normalised and de-duplicated (invalid ones set
 * aside in `rejected`), the batch id letters, digits and `_ . ~ -` (default: a random UUID).
 *
 * @example
 * ```ts
 * prepareBulk({ to: ['09171234567', 'abc'], message: 'Sale!', batchId: 'promo-7' }).recipients // ['639171234567']
 * ```
 */
export function prepareBulk(input: EnqueueBulkInput): PreparedBulk {
  const { to, message: rawMessage, batchId: rawBatchId } = inputObject(input, 'enqueueBulk input')
  const issues: Issues = []
  if (!Array.isArray(to) || to.length === 0) {
    issues.push({ path: ['to'], message: 'to must be a non-empty array of phone numbers' })
  }
  const message = messageAt(rawMessage, issues)
  const batchId = rawBatchId === undefined ? globalThis.crypto.randomUUID() : rawBatchId
  if (typeof batchId !== 'string' || !BATCH_ID.test(batchId)) {
    issues.push({
      path: ['batchId'],
      message: 'batchId must be 1-100 letters, digits or _ . ~ -',
    })
  }
  throwIfIssues(issues)
  const plan = planBulk(to, Number.MAX_SAFE_INTEGER)
  return {
    batchId,
    message,
    sender: senderOf(input),
    recipients: plan.chunks[0] ?? [],
    rejected: plan.rejected.map(({ to, error }) => ({
      to,
      error: { code: error.code, message: error.message },
    })),
  }
}

/**
 * Splits a list into chunks of at most `size` (the last one may be shorter).
 *
 * @example
 * ```ts
 * chunked(['a', 'b', 'c'], 2) // [['a', 'b'], ['c']]
 * ```
 */
export function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size))
  return chunks
}
