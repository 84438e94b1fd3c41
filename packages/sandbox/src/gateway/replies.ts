/**
 * The gateway's words and shapes (see shared/iprog-api.md). Clients are tested against these
 * strings, so they are kept verbatim in one place.
 */
import { jsonReply, type SandboxReply } from '../serve/wire.js'

export const GATEWAY_MESSAGES = {
  auth: 'Invalid api token or no load balance',
  required: 'API Token, phone number and message are required.',
  otpRequired: 'API Token and phone number are required.',
  verifyRequired: 'API Token, phone number and otp are required.',
  queued: 'SMS successfully queued for delivery.',
  messageNotFound: 'Message not found.',
  accountFound: 'Account found.',
  otpSent: 'OTP sent successfully.',
  otpVerified: 'OTP verified successfully.',
  otpInvalid: 'Invalid or expired OTP.',
  otpPlaceholder: 'The message must contain the :otp placeholder.',
  otpCodeLength: 'The code length must be between 4 and 10.',
  otpExpiry: 'The expiry must be between 1 and 60 minutes.',
  reminderRequired: 'API Token, phone number, message and scheduled at are required.',
  reminderCreated: 'Message reminder created successfully.',
  reminderFound: 'Message reminder found.',
  reminderUpdated: 'Message reminder updated successfully.',
  reminderDeleted: 'Message reminder deleted successfully.',
  reminderNotFound: 'Message reminder not found.',
  reminderPast: 'The scheduled time must be in the future.',
  reminderFormat: 'Invalid scheduled at. Use YYYY-MM-DD hh:mmAM or YYYY-MM-DDTHH:MM.',
  // Public test mocks show this rejection as an array of strings, not one string.
  smartTnt: [
    'Sender name is required when sending to Smart and TNT numbers.',
    'Please register an approved sender name, or send to a Globe or DITO number.',
  ],
} as const

export const DEFAULT_OTP_MESSAGE =
  'Your OTP code is :otp. It is valid for 5 minutes. Do not share this code with anyone.'

/**
 * A refusal in the SMS family: body `{ status: <code>, message }`. The gateway answers HTTP 200
 * for these; with `mirror` on, the HTTP status repeats the body code (500, 402) so clients are
 * tested on both readings.
 *
 * @example
 * ```ts
 * gatewayError(false, GATEWAY_MESSAGES.auth) // HTTP 200, { status: 500, message: '…' }
 * ```
 */
export function gatewayError(
  mirror: boolean,
  message: string | readonly string[],
  code = 500,
): SandboxReply {
  return jsonReply(mirror ? code : 200, { status: code, message })
}

/**
 * A refusal in the account/OTP/reminder family: body `{ status: "error", message }`.
 *
 * @example
 * ```ts
 * statusError(404, GATEWAY_MESSAGES.reminderNotFound)
 * ```
 */
export function statusError(httpStatus: number, message: string): SandboxReply {
  return jsonReply(httpStatus, { status: 'error', message })
}

/**
 * A success in the account/OTP/reminder family: `{ status: "success", message, data }`.
 *
 * @example
 * ```ts
 * statusSuccess(GATEWAY_MESSAGES.accountFound, { load_balance: 10 })
 * ```
 */
export function statusSuccess(message: string, data?: unknown): SandboxReply {
  return jsonReply(
    200,
    data === undefined ? { status: 'success', message } : { status: 'success', message, data },
  )
}

// What a Rails app behind nginx shows on an unhandled exception: HTML, not JSON.
export const SERVER_ERROR_PAGE = `<!DOCTYPE html>
<html><head><title>We're sorry, but something went wrong (500)</title></head>
<body><div class="dialog"><h1>We're sorry, but something went wrong.</h1></div></body></html>
`
