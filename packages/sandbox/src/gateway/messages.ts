/**
 * The SMS endpoints: send, bulk, status. What a message costs and how it settles is in
 * `delivery.ts`, shared with the OTP and reminder endpoints.
 */
import { measureMessage } from '@iprog-sms/core'
import {
  isReply,
  JSON_TYPE,
  jsonReply,
  type SandboxReply,
  type SandboxRequest,
} from '../serve/wire.js'
import type { MessageRecord, MessageSource, SandboxState } from '../state.js'
import { type CallerRule, checkCaller, tokenRefused } from './caller.js'
import { chargeAndDeliver, type Outgoing, type Recipient } from './delivery.js'
import type { Params } from './params.js'
import { checkGatewayPhone, INVALID_PHONE_MESSAGE } from './phone.js'
import { GATEWAY_MESSAGES, gatewayError } from './replies.js'

const missingMessage = (mirror: boolean) => gatewayError(mirror, GATEWAY_MESSAGES.required)
const SEND_RULE: CallerRule = {
  required: ['api_token', 'phone_number', 'message'],
  missing: missingMessage,
  token: 'spend',
}
// The phone list is checked apart: `,` is as good as missing.
const BULK_RULE: CallerRule = {
  required: ['api_token', 'message'],
  missing: missingMessage,
  token: 'spend',
}
const STATUS_RULE: CallerRule = {
  required: ['api_token', 'message_id'],
  missing: (mirror) => gatewayError(mirror, 'API Token and message id are required.'),
  token: 'read',
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

/** The checks send and bulk share past the numbers: the message to send, or the refusal. */
function prepareOutgoing(
  state: SandboxState,
  params: Params,
  token: string,
  source: MessageSource,
  recipients: readonly Recipient[],
): Outgoing | SandboxReply {
  const mirror = state.behaviour.httpStatusMirrorsBody
  const smsProvider = readProvider(params.sms_provider)
  if (smsProvider === false) return gatewayError(mirror, SMS_PROVIDER_MESSAGE)
  const senderName = params.sender_name || undefined
  if (senderName === undefined && recipients.some(({ to }) => isSmartTnt(state, to))) {
    return gatewayError(mirror, GATEWAY_MESSAGES.smartTnt, 402)
  }
  const message = params.message!
  return { token, message, size: measureMessage(message), source, senderName, smsProvider }
}

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
  const token = checkCaller(state, params, SEND_RULE)
  if (typeof token !== 'string') return token
  const phone = params.phone_number!
  const to = checkGatewayPhone(phone)
  if (to === undefined) {
    return gatewayError(state.behaviour.httpStatusMirrorsBody, INVALID_PHONE_MESSAGE)
  }
  const recipients = [{ phoneNumber: phone, to }]
  const outgoing = prepareOutgoing(state, params, token, 'send', recipients)
  if (isReply(outgoing)) return outgoing
  const record = chargeAndDeliver(state, outgoing, recipients)?.[0]
  if (record === undefined) return tokenRefused(state)
  return { status: 200, contentType: JSON_TYPE, body: sentBody(request.origin, token, record) }
}

// The reply to every successful send, the throughput path: written by hand rather than by
// `JSON.stringify` of a new object (the same text: a property test compares the two). Clients
// send with one token to one origin, so the link up to the id is escaped once and kept; the id
// is `iSms-` and letters/digits, which JSON writes as they are.
const SENT_HEAD = `{"status":200,"message":${JSON.stringify(GATEWAY_MESSAGES.queued)},"message_id":"`
let linkFor = { origin: '', token: '', json: '' }

function sentBody(origin: string, token: string, record: MessageRecord): string {
  if (linkFor.origin !== origin || linkFor.token !== token) {
    // The JSON string of the link without its closing quote: the id and `"` follow.
    const json = JSON.stringify(statusLink(origin, token, '')).slice(0, -1)
    linkFor = { origin, token, json }
  }
  return `${SENT_HEAD}${record.id}","message_status_link":${linkFor.json}${record.id}","message_status_request_mode":"GET","sms_rate":${record.parts}}`
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
  // A trailing comma (`a,b,`) is common in hand-written lists; empty entries are skipped.
  const phones = (params.phone_number ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')
  if (phones.length === 0) return missingMessage(mirror)
  const token = checkCaller(state, params, BULK_RULE)
  if (typeof token !== 'string') return token
  const recipients: Recipient[] = []
  for (const phone of phones) {
    const to = checkGatewayPhone(phone)
    if (to === undefined) return gatewayError(mirror, `${INVALID_PHONE_MESSAGE} (${phone})`)
    recipients.push({ phoneNumber: phone, to })
  }
  const outgoing = prepareOutgoing(state, params, token, 'bulk', recipients)
  if (isReply(outgoing)) return outgoing
  const records = chargeAndDeliver(state, outgoing, recipients)
  if (records === undefined) return tokenRefused(state)
  return jsonReply(200, {
    status: 200,
    message: GATEWAY_MESSAGES.queued,
    message_ids: records.map((record) => record.id).join(','),
    sms_rates: records.map((record) => record.parts).join(','),
    message_status_link: statusLink(request.origin, token, records[0]!.id),
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
  const token = checkCaller(state, params, STATUS_RULE)
  if (typeof token !== 'string') return token
  const record = state.messages.find(params.message_id!)
  if (record === undefined || record.token !== token) {
    return gatewayError(state.behaviour.httpStatusMirrorsBody, GATEWAY_MESSAGES.messageNotFound)
  }
  return jsonReply(200, { status: 200, message_status: record.status, sms_count: record.parts })
}
