/**
 * One-time codes: the gateway makes the code, sends it and later checks it. Codes here are
 * single use and expire on the sandbox clock; a new code for a number replaces the previous one.
 */
import { measureMessage } from '@iprog-sms/core'
import { randomString } from '../engine/random.js'
import type { SandboxReply } from '../serve/wire.js'
import type { OtpRecord, SandboxState } from '../state.js'
import { type CallerRule, checkCaller, tokenRefused } from './caller.js'
import { chargeAndDeliver, type Outgoing } from './delivery.js'
import { formatManila } from './manila-time.js'
import type { Params } from './params.js'
import { checkGatewayPhone, INVALID_PHONE_MESSAGE } from './phone.js'
import {
  DEFAULT_OTP_MESSAGE,
  GATEWAY_MESSAGES,
  gatewayError,
  statusError,
  statusSuccess,
} from './replies.js'

/** An issued code as inspectors and the inbox show it. */
export interface SandboxOtp {
  to: string
  code: string
  message: string
  messageId: string
  createdAt: string
  expiresAt: string
  confirmed: boolean
  /** Expired or already used: a verify with it fails. */
  usable: boolean
}

/**
 * The public view of an issued code, judged at `now`. `latest` says whether it is still the
 * code a verify of its number checks (a newer code replaces it).
 *
 * @example
 * ```ts
 * viewOtp(record, clock.now(), true).usable // true until verified or expired
 * ```
 */
export function viewOtp(record: OtpRecord, now: number, latest: boolean): SandboxOtp {
  return {
    to: record.to,
    code: record.code,
    message: record.message,
    messageId: record.messageId,
    createdAt: formatManila(record.createdAt),
    expiresAt: formatManila(record.expiresAt),
    confirmed: record.confirmed,
    usable: latest && !record.confirmed && now <= record.expiresAt,
  }
}

const otpKey = (token: string, to: string) => `${token}\n${to}`

/**
 * Whether `record` is still the code a verify of its number checks.
 *
 * @example
 * ```ts
 * viewOtp(record, now, isLatestOtp(state, record))
 * ```
 */
export function isLatestOtp(state: SandboxState, record: OtpRecord): boolean {
  return state.latestOtp.get(otpKey(record.token, record.to)) === record
}

const SEND_RULE: CallerRule = {
  required: ['api_token', 'phone_number'],
  missing: (mirror) => gatewayError(mirror, GATEWAY_MESSAGES.otpRequired),
  token: 'spend',
}
const VERIFY_RULE: CallerRule = {
  required: ['api_token', 'phone_number', 'otp'],
  missing: (mirror) => gatewayError(mirror, GATEWAY_MESSAGES.verifyRequired),
  token: 'read',
}

function readInteger(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback
  return /^\d+$/.test(raw) ? Number(raw) : Number.NaN
}

/**
 * POST /api/v1/otp/send_otp: makes a code, sends it in the message (`:otp` filled in) and
 * replies with the code.
 *
 * @example
 * ```ts
 * otpSendEndpoint(state, { api_token, phone_number: '639171234567', code_length: '6' })
 * ```
 */
export function otpSendEndpoint(state: SandboxState, params: Params): SandboxReply {
  const token = checkCaller(state, params, SEND_RULE)
  if (typeof token !== 'string') return token
  const mirror = state.behaviour.httpStatusMirrorsBody
  const phone = params.phone_number!
  const to = checkGatewayPhone(phone)
  if (to === undefined) return gatewayError(mirror, INVALID_PHONE_MESSAGE)
  const length = readInteger(params.code_length, 6)
  if (!(length >= 4 && length <= 10)) return gatewayError(mirror, GATEWAY_MESSAGES.otpCodeLength)
  const minutes = readInteger(params.expires_in_minutes, 5)
  if (!(minutes >= 1 && minutes <= 60)) return gatewayError(mirror, GATEWAY_MESSAGES.otpExpiry)
  const template = params.message || DEFAULT_OTP_MESSAGE
  if (!template.includes(':otp')) return gatewayError(mirror, GATEWAY_MESSAGES.otpPlaceholder)

  const code = randomString(state.random, length, '0123456789')
  const text = template.replaceAll(':otp', code)
  const outgoing: Outgoing = { token, message: text, size: measureMessage(text), source: 'otp' }
  const message = chargeAndDeliver(state, outgoing, [{ phoneNumber: phone, to }])?.[0]
  if (message === undefined) return tokenRefused(state)
  const now = state.clock.now()
  const record: OtpRecord = {
    token,
    to,
    code,
    message: text,
    messageId: message.id,
    createdAt: now,
    expiresAt: now + minutes * 60_000,
    confirmed: false,
  }
  state.otps.push(record)
  if (state.otps.length > state.maxMessages) state.otps.shift()
  state.latestOtp.set(otpKey(token, to), record)
  state.events.publish('otp', () => viewOtp(record, now, true))
  return statusSuccess(GATEWAY_MESSAGES.otpSent, {
    otp_code: code,
    otp_code_expires_at: formatManila(record.expiresAt),
    otp_code_confirmed: false,
    phone_number: to,
    message: text,
  })
}

/**
 * POST /api/v1/otp/verify_otp: `success` once for the latest unexpired code of that number,
 * `error` for anything else (wrong, expired, already used, never sent).
 *
 * @example
 * ```ts
 * otpVerifyEndpoint(state, { api_token, phone_number: '639171234567', otp: '123456' })
 * ```
 */
export function otpVerifyEndpoint(state: SandboxState, params: Params): SandboxReply {
  const token = checkCaller(state, params, VERIFY_RULE)
  if (typeof token !== 'string') return token
  const otp = params.otp!
  const to = checkGatewayPhone(params.phone_number!)
  const record = to === undefined ? undefined : state.latestOtp.get(otpKey(token, to))
  const now = state.clock.now()
  if (record === undefined || record.confirmed || now > record.expiresAt || record.code !== otp) {
    return statusError(200, GATEWAY_MESSAGES.otpInvalid)
  }
  record.confirmed = true
  state.events.publish('otp', () => viewOtp(record, now, true))
  return statusSuccess(GATEWAY_MESSAGES.otpVerified)
}
