/**
 * Captured messages and the SMS endpoints: send, bulk, status. Each message costs its part
 * count from core's segmentation (`sms_rate`), and settles from `pending` to `completed` (or
 * `failed` for configured numbers) after the status delay on the sandbox clock.
 */
import { analyzeMessage, type MessageAnalysis } from '@iprog-sms/core'
import { randomString } from '../engine/random.js'
import { jsonReply, type SandboxReply, type SandboxRequest } from '../serve/wire.js'
import type { SandboxState } from '../state.js'
import { formatManila } from './manila-time.js'
import type { Params } from './params.js'
import { checkGatewayPhone, INVALID_PHONE_MESSAGE } from './phone.js'
import { GATEWAY_MESSAGES, gatewayError } from './replies.js'

export type MessageSource = 'send' | 'bulk' | 'otp' | 'reminder'

export interface MessageRecord {
  id: string
  token: string
  /** `639XXXXXXXXX`. */
  to: string
  /** As the caller wrote it (`09…` or `639…`). */
  phoneNumber: string
  message: string
  encoding: MessageAnalysis['encoding']
  parts: number
  status: 'pending' | 'completed' | 'failed'
  source: MessageSource
  senderName: string | undefined
  smsProvider: number | undefined
  createdAt: number
  updatedAt: number
}

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

export interface Delivery {
  token: string
  phoneNumber: string
  to: string
  message: string
  analysis: MessageAnalysis
  source: MessageSource
  senderName?: string | undefined
  smsProvider?: number | undefined
}

function newMessageId(state: SandboxState): string {
  let id: string
  do id = 'iSms-' + randomString(state.random, 6)
  while (state.messages.has(id))
  return id
}

function settle(state: SandboxState, record: MessageRecord): void {
  if (record.status !== 'pending' || state.messages.get(record.id) !== record) return
  record.status = state.behaviour.failSet.has(record.to) ? 'failed' : 'completed'
  record.updatedAt = state.clock.now()
  state.events.publish('message-status', () => ({
    id: record.id,
    status: record.status,
    updatedAt: formatManila(record.updatedAt),
  }))
}

/**
 * Puts a message in the inbox (the caller has already charged for it) and queues its status.
 *
 * @example
 * ```ts
 * const record = deliverMessage(state, { token, phoneNumber, to, message, analysis, source: 'send' })
 * ```
 */
export function deliverMessage(state: SandboxState, delivery: Delivery): MessageRecord {
  const now = state.clock.now()
  const record: MessageRecord = {
    id: newMessageId(state),
    token: delivery.token,
    to: delivery.to,
    phoneNumber: delivery.phoneNumber,
    message: delivery.message,
    encoding: delivery.analysis.encoding,
    parts: delivery.analysis.segmentCount,
    status: 'pending',
    source: delivery.source,
    senderName: delivery.senderName,
    smsProvider: delivery.smsProvider,
    createdAt: now,
    updatedAt: now,
  }
  state.messages.set(record.id, record)
  if (state.messages.size > state.maxMessages) {
    const oldest = state.messages.keys().next().value
    if (oldest !== undefined) state.messages.delete(oldest)
  }
  state.events.publish('message', () => viewMessage(record))
  state.schedule(now + state.behaviour.statusDelayMs, () => settle(state, record))
  return record
}

/** Publishes the balances to live listeners after a charge. */
export function announceBalance(state: SandboxState): void {
  state.events.publish('balance', () => ({ balances: state.accounts.all() }))
}

function statusLink(origin: string, token: string, messageId: string): string {
  // The real gateway puts the token in this link's query; clients must redact it.
  return `${origin}/api/v1/sms_messages/status?api_token=${encodeURIComponent(token)}&message_id=${messageId}`
}

function isSmartTnt(state: SandboxState, to: string): boolean {
  for (const prefix of state.behaviour.smartTnt) if (to.startsWith(prefix)) return true
  return false
}

// `sms_provider` is 0, 1 or 2 (an older page says 0 or 1); other values would be a client bug.
function readProvider(raw: string | undefined): number | undefined | false {
  if (raw === undefined || raw === '') return undefined
  return raw === '0' || raw === '1' || raw === '2' ? Number(raw) : false
}

const SMS_PROVIDER_MESSAGE = 'The sms provider must be 0, 1 or 2.'

/**
 * POST /api/v1/sms_messages: one message to one number.
 *
 * @example
 * ```ts
 * sendEndpoint(state, request, { api_token, phone_number: '09171234567', message: 'Hi' })
 * ```
 */
export function sendEndpoint(
  state: SandboxState,
  request: SandboxRequest,
  params: Params,
): SandboxReply {
  const mirror = state.behaviour.httpStatusMirrorsBody
  const token = params.api_token
  const phone = params.phone_number
  const text = params.message
  if (!token || !phone || !text) return gatewayError(mirror, GATEWAY_MESSAGES.required)
  if (!((state.accounts.balance(token) ?? 0) > 0))
    return gatewayError(mirror, GATEWAY_MESSAGES.auth)
  const to = checkGatewayPhone(phone)
  if (to === undefined) return gatewayError(mirror, INVALID_PHONE_MESSAGE)
  const smsProvider = readProvider(params.sms_provider)
  if (smsProvider === false) return gatewayError(mirror, SMS_PROVIDER_MESSAGE)
  const senderName = params.sender_name || undefined
  if (senderName === undefined && isSmartTnt(state, to)) {
    return gatewayError(mirror, GATEWAY_MESSAGES.smartTnt, 402)
  }
  const analysis = analyzeMessage(text)
  if (!state.accounts.charge(token, analysis.segmentCount)) {
    return gatewayError(mirror, GATEWAY_MESSAGES.auth)
  }
  announceBalance(state)
  const record = deliverMessage(state, {
    token,
    phoneNumber: phone,
    to,
    message: text,
    analysis,
    source: 'send',
    senderName,
    smsProvider,
  })
  return jsonReply(200, {
    status: 200,
    message: GATEWAY_MESSAGES.queued,
    message_id: record.id,
    message_status_link: statusLink(request.origin, token, record.id),
    message_status_request_mode: 'GET',
    sms_rate: record.parts,
  })
}

/**
 * POST /api/v1/sms_messages/send_bulk: one message to a comma-separated list of numbers. The
 * whole call is refused when any number is invalid or the balance does not cover every part.
 *
 * @example
 * ```ts
 * bulkEndpoint(state, request, { api_token, phone_number: '639171234567,09181234567', message: 'Hi' })
 * ```
 */
export function bulkEndpoint(
  state: SandboxState,
  request: SandboxRequest,
  params: Params,
): SandboxReply {
  const mirror = state.behaviour.httpStatusMirrorsBody
  const token = params.api_token
  const text = params.message
  // A trailing comma (`a,b,`) is common in hand-written lists; empty entries are skipped.
  const phones = (params.phone_number ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')
  if (!token || phones.length === 0 || !text) return gatewayError(mirror, GATEWAY_MESSAGES.required)
  if (!((state.accounts.balance(token) ?? 0) > 0))
    return gatewayError(mirror, GATEWAY_MESSAGES.auth)
  const recipients: string[] = []
  for (const phone of phones) {
    const to = checkGatewayPhone(phone)
    if (to === undefined) return gatewayError(mirror, `${INVALID_PHONE_MESSAGE} (${phone})`)
    recipients.push(to)
  }
  const smsProvider = readProvider(params.sms_provider)
  if (smsProvider === false) return gatewayError(mirror, SMS_PROVIDER_MESSAGE)
  const senderName = params.sender_name || undefined
  if (senderName === undefined && recipients.some((to) => isSmartTnt(state, to))) {
    return gatewayError(mirror, GATEWAY_MESSAGES.smartTnt, 402)
  }
  const analysis = analyzeMessage(text)
  if (!state.accounts.charge(token, analysis.segmentCount * recipients.length)) {
    return gatewayError(mirror, GATEWAY_MESSAGES.auth)
  }
  announceBalance(state)
  const ids: string[] = []
  const rates: number[] = []
  for (let i = 0; i < recipients.length; i++) {
    const record = deliverMessage(state, {
      token,
      phoneNumber: phones[i]!,
      to: recipients[i]!,
      message: text,
      analysis,
      source: 'bulk',
      senderName,
      smsProvider,
    })
    ids.push(record.id)
    rates.push(record.parts)
  }
  return jsonReply(200, {
    status: 200,
    message: GATEWAY_MESSAGES.queued,
    message_ids: ids.join(','),
    sms_rates: rates.join(','),
    message_status_link: statusLink(request.origin, token, ids[0]!),
    message_status_request_mode: 'GET',
  })
}

/**
 * GET /api/v1/sms_messages/status: where a message is. Only the token that sent it sees it.
 *
 * @example
 * ```ts
 * statusEndpoint(state, { api_token, message_id: 'iSms-abc123' })
 * ```
 */
export function statusEndpoint(state: SandboxState, params: Params): SandboxReply {
  const mirror = state.behaviour.httpStatusMirrorsBody
  const token = params.api_token
  const id = params.message_id
  if (!token || !id) return gatewayError(mirror, 'API Token and message id are required.')
  if (!state.accounts.has(token)) return gatewayError(mirror, GATEWAY_MESSAGES.auth)
  const record = state.messages.get(id)
  if (record === undefined || record.token !== token) {
    return gatewayError(mirror, GATEWAY_MESSAGES.messageNotFound)
  }
  return jsonReply(200, { status: 200, message_status: record.status, sms_count: record.parts })
}
