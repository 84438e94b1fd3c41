/**
 * The one path by which a message reaches the inbox, whichever endpoint sends it (send, bulk,
 * OTP, a reminder firing): charge the token, capture one message a recipient, queue its status.
 * Each message costs its part count from core's segmentation (`sms_rate`), and settles from
 * `pending` to `completed` (or `failed` for configured numbers) after the status delay on the
 * sandbox clock.
 */
import type { MessageSize } from '@iprog-sms/core'
import {
  type MessageRecord,
  type MessageSource,
  publishBalances,
  type SandboxState,
} from '../state.js'
import { formatManila } from './manila-time.js'

/** A captured message as inspectors, the control API and the inbox show it. */
export interface SandboxMessage {
  id: string
  to: string
  phoneNumber: string
  message: string
  encoding: 'GSM-7' | 'UCS-2'
  parts: number
  /** Credits charged: one per part. */
  cost: number
  status: 'pending' | 'completed' | 'failed'
  source: MessageSource
  senderName?: string
  smsProvider?: number
  /** Manila time, as the gateway writes it. */
  createdAt: string
  updatedAt: string
}

/**
 * The public view of a captured message (no token).
 *
 * @example
 * ```ts
 * viewMessage(record).status // 'pending'
 * ```
 */
export function viewMessage(record: MessageRecord): SandboxMessage {
  const view: SandboxMessage = {
    id: record.id,
    to: record.to,
    phoneNumber: record.phoneNumber,
    message: record.message,
    encoding: record.encoding,
    parts: record.parts,
    cost: record.parts,
    status: record.status,
    source: record.source,
    createdAt: formatManila(record.createdAt),
    updatedAt: formatManila(record.updatedAt),
  }
  if (record.senderName !== undefined) view.senderName = record.senderName
  if (record.smsProvider !== undefined) view.smsProvider = record.smsProvider
  return view
}

/** What is sent, the same for every recipient of one call. */
export interface Outgoing {
  token: string
  message: string
  /** Encoding and part count (`measureMessage`: the parts themselves are never needed). */
  size: MessageSize
  source: MessageSource
  senderName?: string | undefined
  smsProvider?: number | undefined
}

export interface Recipient {
  /** As the caller wrote it. */
  phoneNumber: string
  /** `639XXXXXXXXX`. */
  to: string
}

/**
 * Settles a message's status, `completed` or `failed` (configured numbers), unless it settled
 * already. The sandbox runs it when the message's status delay is over.
 *
 * @example
 * ```ts
 * const statuses = agenda.lane((record: MessageRecord, now: number) => settleStatus(state, record, now))
 * ```
 */
export function settleStatus(state: SandboxState, record: MessageRecord, now: number): void {
  if (record.status !== 'pending') return
  record.status = state.behaviour.failSet.has(record.to) ? 'failed' : 'completed'
  record.updatedAt = now
  // A message dropped past the cap or cleared settles unseen: the inbox no longer shows it.
  if (!state.events.listening || !state.messages.holds(record)) return
  state.events.publish('message-status', () => ({
    id: record.id,
    status: record.status,
    updatedAt: formatManila(record.updatedAt),
  }))
}

function capture(state: SandboxState, outgoing: Outgoing, recipient: Recipient): MessageRecord {
  const now = state.clock.now()
  const record = state.messages.keep((id) => ({
    id,
    token: outgoing.token,
    to: recipient.to,
    phoneNumber: recipient.phoneNumber,
    message: outgoing.message,
    encoding: outgoing.size.encoding,
    parts: outgoing.size.segmentCount,
    status: 'pending',
    source: outgoing.source,
    senderName: outgoing.senderName,
    smsProvider: outgoing.smsProvider,
    createdAt: now,
    updatedAt: now,
  }))
  state.events.publish('message', () => viewMessage(record))
  state.settleAt(now + state.behaviour.statusDelayMs, record)
  return record
}

/**
 * Charges the token for every recipient at once and puts one message a recipient in the inbox,
 * in order. `undefined`, with nothing charged or captured, when the balance does not cover all.
 *
 * @example
 * ```ts
 * const records = chargeAndDeliver(state, { token, message, size, source: 'send' }, [{ phoneNumber, to }])
 * if (records === undefined) return tokenRefused(state)
 * ```
 */
export function chargeAndDeliver(
  state: SandboxState,
  outgoing: Outgoing,
  recipients: readonly Recipient[],
): MessageRecord[] | undefined {
  const cost = outgoing.size.segmentCount * recipients.length
  if (!state.accounts.charge(outgoing.token, cost)) return undefined
  publishBalances(state)
  return recipients.map((recipient) => capture(state, outgoing, recipient))
}
