import { type GatewayRefusal, IprogApiError, IprogAuthError } from '../../errors.js'
import { redact } from './redact.js'

/** A gateway body that was understood as a JSON object, with the token redacted. */
export type GatewayBody = Record<string, unknown>

/** The body when the answer is a success, else the error to raise. */
export type GatewayAnswer = GatewayBody | IprogApiError

// Only ever given JSON.parse output (one realm, never a null-prototype object).
const isRecord = (value: unknown): value is GatewayBody =>
  value instanceof Object && !Array.isArray(value)

/**
 * The gateway's `message`, a string or (Smart/TNT sender rejections) an array of strings,
 * as one display string.
 *
 * @example
 * ```ts
 * joinMessage(['Sender name not approved', 'Contact support']) // 'Sender name not approved; Contact support'
 * ```
 */
export function joinMessage(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.map(String).join('; ')
  return undefined
}

/**
 * Turns one HTTP answer of the gateway into its body or the right error. The body is read
 * whatever the HTTP status, because the gateway reports failures as `"status": 500` in a
 * 200 answer. Success is a 2xx answer whose body `status` is `200` (SMS endpoints) or
 * `"success"` (account, OTP, reminders). Anything else (error body, HTTP 4xx/5xx, HTML page,
 * empty body, unknown shape) is an `IprogApiError`, or an `IprogAuthError` for
 * `Invalid api token or no load balance`. Every string in the body has the token redacted.
 *
 * `tolerateError` lets a `"status": "error"` body through (OTP verify answers a wrong code
 * that way); an auth refusal or a 5xx still fails.
 *
 * @example
 * ```ts
 * const answer = readAnswer(200, '{"status":500,"message":"Invalid api token or no load balance"}', token)
 * // an IprogAuthError (a success answer gives its body)
 * ```
 */
export function readAnswer(
  httpStatus: number,
  text: string,
  token: string | undefined,
  tolerateError = false,
): GatewayAnswer {
  let body: unknown
  try {
    body = JSON.parse(text, (_key, value) =>
      typeof value === 'string'
        ? redact(value, token)
        : // Keys too: an answer echoing the request could key a field by a URL with the token,
          // and a success body goes to the caller whole. fromEntries keeps `__proto__` as data.
          isRecord(value)
          ? Object.fromEntries(
              Object.entries(value).map(([key, item]) => [redact(key, token), item]),
            )
          : value,
    )
  } catch {
    // Proxies and outages answer HTML or plain text; the body is not kept, it may echo the URL.
  }
  if (!isRecord(body)) {
    const what = text.trim() ? 'a body that is not a JSON object' : 'an empty body'
    return new IprogApiError(`The IPROG gateway answered HTTP ${httpStatus} with ${what}`, {
      httpStatus,
    })
  }
  const status = body.status
  const httpOk = httpStatus >= 200 && httpStatus < 300
  if (httpOk && (status === 200 || status === 'success')) return body
  const refusal = refusalOf(body, httpStatus)
  const gatewayMessage = refusal.gatewayMessage
  if (gatewayMessage && /invalid api token/i.test(gatewayMessage)) {
    return new IprogAuthError(
      `The IPROG gateway refused the API token or the account has no credits: ${gatewayMessage}`,
      refusal,
    )
  }
  if (tolerateError && status === 'error' && httpStatus < 500) return body
  return new IprogApiError(
    gatewayMessage
      ? `The IPROG gateway refused the request: ${gatewayMessage}`
      : `The IPROG gateway answered HTTP ${httpStatus} with an unexpected body`,
    refusal,
  )
}

const refusalOf = (body: GatewayBody, httpStatus?: number): GatewayRefusal => ({
  gatewayMessage: joinMessage(body.message),
  httpStatus,
  bodyStatus:
    typeof body.status === 'number' || typeof body.status === 'string' ? body.status : undefined,
})

/**
 * The error for a success answer that lacks a field the client needs (an unknown shape).
 *
 * @example
 * ```ts
 * throw unexpectedAnswer(body, 'message_id')
 * ```
 */
export function unexpectedAnswer(body: GatewayBody, missing: string): IprogApiError {
  return new IprogApiError(
    `The IPROG gateway's answer has an unexpected shape: no usable "${missing}"`,
    refusalOf(body),
  )
}

/** A field as a string (numbers accepted: ids and codes sometimes come back as numbers). */
export function readString(body: GatewayBody, key: string): string | undefined {
  const value = body[key]
  if (typeof value === 'string') return value
  return typeof value === 'number' ? String(value) : undefined
}

/** A field (or list item) as a finite number (numeric strings accepted, `''` is none). */
export function readNumber(body: object, key: string | number): number | undefined {
  const value = (body as Record<string | number, unknown>)[key]
  const number = typeof value === 'string' && value.trim() ? Number(value) : value
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined
}

/** A nested object field (`data` of the account, OTP and reminder answers). */
export function readRecord(body: GatewayBody, key: string): GatewayBody | undefined {
  const value = body[key]
  return isRecord(value) ? value : undefined
}
