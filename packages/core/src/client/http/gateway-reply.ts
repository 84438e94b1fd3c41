import { type GatewayRefusal, IprogApiError, IprogAuthError } from '../../errors.js'
import { mayHoldToken, redact, redactSuspect } from './redact.js'

/** A gateway reply body that was understood as a JSON object, with the token redacted. */
export type GatewayBody = Record<string, unknown>

/** One reply of the gateway read: its body when it is a success, else the error to raise. */
export type GatewayReply = { ok: true; body: GatewayBody } | { ok: false; error: IprogApiError }

/** A plain object (not null, not an array): the only shape a gateway body may have. */
const isPlainObject = (value: unknown): value is GatewayBody =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

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

export interface ReadReplyOptions {
  /** Let a `"status": "error"` body through (OTP verify answers a wrong code that way). */
  tolerateError?: boolean | undefined
  /**
   * The call may have an effect at the gateway (anything but a GET): its errors then say
   * `maybeDelivered: true` unless the reply is a well-formed refusal (`false` otherwise).
   */
  sideEffect?: boolean | undefined
}

/**
 * Turns one HTTP reply of the gateway into its body or the right error. The body is read
 * whatever the HTTP status, because the gateway reports failures as `"status": 500` in a
 * 200 reply. Success is a 2xx reply whose body `status` is `200` (SMS endpoints) or
 * `"success"` (account, OTP, reminders). Anything else (error body, a redirect, HTTP 4xx/5xx,
 * HTML page, empty or cut body, unknown shape) is an `IprogApiError`: an `IprogAuthError` for
 * `Invalid api token or no load balance`, code `not_found` when the gateway has no such record.
 * Every string in the body has the token redacted.
 *
 * With `sideEffect`, the error's `maybeDelivered` is `false` only for a well-formed refusal (a
 * JSON object with an error `status` and a `message`, below HTTP 500): anything else may come
 * from a gateway that did the work and then failed to say so.
 *
 * @example
 * ```ts
 * const reply = readReply(200, '{"status":500,"message":"Invalid api token or no load balance"}', token)
 * // { ok: false, error: IprogAuthError } (a success gives { ok: true, body })
 * ```
 */
export function readReply(
  httpStatus: number,
  text: string,
  token: string | undefined,
  { tolerateError = false, sideEffect = false }: ReadReplyOptions = {},
): GatewayReply {
  const fail = (error: IprogApiError): GatewayReply => ({ ok: false, error })
  // The client never follows a redirect: a 307/308 would carry the token's body to another host.
  // `status` 0 is the opaque redirect a browser's `redirect: 'manual'` gives.
  if (httpStatus === 0 || (httpStatus >= 300 && httpStatus < 400)) {
    const what = httpStatus ? `HTTP ${httpStatus}` : 'a redirect'
    return fail(
      new IprogApiError(
        `The IPROG gateway answered ${what}, a redirect; the client does not follow redirects`,
        { httpStatus },
        { maybeDelivered: sideEffect },
      ),
    )
  }
  const body = parseBody(text, token)
  if (!isPlainObject(body)) {
    const what = text.trim() ? 'a body that is not a JSON object' : 'an empty body'
    return fail(
      new IprogApiError(
        `The IPROG gateway answered HTTP ${httpStatus} with ${what}`,
        { httpStatus },
        { maybeDelivered: sideEffect },
      ),
    )
  }
  const status = body.status
  const httpOk = httpStatus >= 200 && httpStatus < 300
  if (httpOk && (status === 200 || status === 'success')) return { ok: true, body }
  const refusal = refusalOf(body, httpStatus)
  const gatewayMessage = refusal.gatewayMessage
  // The gateway's own "no": an error status in the body with its words, and not a 5xx from
  // whatever sits in front of it (that one may come after the work was done).
  const refused =
    refusal.bodyStatus !== undefined &&
    status !== 200 &&
    status !== 'success' &&
    Boolean(gatewayMessage) &&
    httpStatus < 500
  const maybeDelivered = sideEffect && !refused
  if (gatewayMessage && /invalid api token/i.test(gatewayMessage)) {
    return fail(
      new IprogAuthError(
        `The IPROG gateway refused the API token or the account has no credits: ${gatewayMessage}`,
        refusal,
        { maybeDelivered },
      ),
    )
  }
  if (tolerateError && status === 'error' && httpStatus < 500) return { ok: true, body }
  if (!gatewayMessage) {
    return fail(
      new IprogApiError(
        `The IPROG gateway answered HTTP ${httpStatus} with an unexpected body`,
        refusal,
        { maybeDelivered },
      ),
    )
  }
  // "Message not found." (status of an unknown id), "Message reminder not found." (HTTP 404).
  const notFound = refused && (httpStatus === 404 || /\bnot found\b/i.test(gatewayMessage))
  return fail(
    new IprogApiError(`The IPROG gateway refused the request: ${gatewayMessage}`, refusal, {
      maybeDelivered,
      code: notFound ? 'not_found' : 'api_error',
    }),
  )
}

const ENVELOPE_STATUSES = new Set<unknown>([200, 'success', 'error'])

// The gateway's own field names are no secret either, and the client must still find them when
// a short token spells part of one (`demo` is no issue, but `s` is in `message_id`).
const GATEWAY_FIELDS = new Set([
  'status',
  'message',
  'message_id',
  'message_ids',
  'message_status',
  'message_status_link',
  'message_status_request_mode',
  'sms_rate',
  'sms_rates',
  'sms_count',
  'data',
  'load_balance',
  'otp_code',
  'otp_code_expires_at',
  'id',
  'phone_number',
  'scheduled_at',
  'created_at',
  'updated_at',
])

/**
 * A gateway reply body as a value: JSON.parse (no reviver: it is several times slower), every
 * string and key redacted when the raw text may hold the token. `undefined` for anything that is
 * not JSON.
 *
 * Every send reply holds the token (its status link), so the redaction is on the common path.
 * Where `redactsWholeText` holds, it runs once over the raw text, before the parse; otherwise
 * over each string and key of the parsed value (`parseAndScrub`). Both give the same value: a
 * property test checks it.
 *
 * @example
 * ```ts
 * parseBody('{"status":200,"message_status_link":"https://x/?api_token=abc"}', 'abc')
 * // { status: 200, message_status_link: 'https://x/?api_token=[REDACTED]' }
 * ```
 */
export function parseBody(text: string, token: string | undefined): unknown {
  if (!mayHoldToken(text, token)) return parseJson(text)
  if (redactsWholeText(text, token)) return parseJson(redactSuspect(text, token))
  return parseAndScrub(text, token)
}

/**
 * The general way of `parseBody`: JSON.parse, then every string and key of the value redacted
 * one by one (`redact` sees each string as it is once its escapes are read).
 *
 * @example
 * ```ts
 * parseAndScrub('{"status":200,"note":"\\u0061bc"}', 'abc') // { status: 200, note: '[REDACTED]' }
 * ```
 */
export function parseAndScrub(text: string, token: string | undefined): unknown {
  const body = parseJson(text)
  try {
    const status = isPlainObject(body) ? body.status : undefined
    const clean = scrub(body, token)
    // The envelope's own words are no secret, and a short token (`demo`, one letter) would
    // otherwise turn `"success"` into a refusal: the known status values stay as they came.
    if (isPlainObject(clean) && ENVELOPE_STATUSES.has(status)) clean.status = status
    return clean
  } catch {
    // Nested past the stack (a hostile body): refused like any other unusable body.
    return undefined
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    // Proxies and outages answer HTML or plain text; the body is not kept, it may echo the URL.
    return undefined
  }
}

// What a JSON text may hold outside its strings: numbers, `true`, `false`, `null`, punctuation
// and whitespace (in either letter case: the token is matched case-insensitively).
const OUTSIDE_STRINGS = /^[\d+\-.eEtTrRuUfFaAlLsSnN\s,:[\]{}]*$/

// The words the scrub keeps whatever the token: the gateway's field names and its statuses.
const KEPT_WORDS = [...GATEWAY_FIELDS, 'success', 'error']

let lastToken: string | undefined
let lastTokenFits = false

/**
 * Whether redacting the raw text gives what redacting each string and key of its parsed value
 * gives. It does when every replacement falls inside one string and leaves the kept words alone:
 * - the text has no backslash, so each of its strings is its own characters, and neither the
 *   token nor `api_token=` can hide behind an escape;
 * - the token has no quote, backslash or control character (its JSON spelling is itself, so no
 *   spelling of it can cross a string's quotes), and a character no JSON text has outside its
 *   strings (so no match lies in a number, `true` or the punctuation);
 * - no gateway field name or status spells the token.
 * A real token (40 hex characters) fits; a one-letter token such as `s` does not.
 */
function redactsWholeText(text: string, token: string | undefined): boolean {
  if (text.includes('\\')) return false
  if (!token) return true
  if (token !== lastToken) {
    lastToken = token
    lastTokenFits =
      JSON.stringify(token) === `"${token}"` &&
      !OUTSIDE_STRINGS.test(token) &&
      KEPT_WORDS.every((word) => redact(word, token) === word)
  }
  return lastTokenFits
}

// Redacts, in place, every string and key of a value fresh from JSON.parse. Keys too: a reply
// echoing the request could key a field by a URL with the token, and a success body goes to the
// caller whole. Fields are set by defineProperty, so a `__proto__` key stays data.
function scrub(value: unknown, token: string | undefined): unknown {
  if (typeof value === 'string') return redact(value, token)
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = scrub(value[i], token)
  } else if (isPlainObject(value)) {
    for (const key of Object.keys(value)) {
      const item = value[key]
      const clean = scrub(item, token)
      const cleanKey = GATEWAY_FIELDS.has(key) ? key : redact(key, token)
      if (cleanKey !== key) delete value[key]
      if (cleanKey !== key || clean !== item) {
        Object.defineProperty(value, cleanKey, {
          value: clean,
          enumerable: true,
          writable: true,
          configurable: true,
        })
      }
    }
  }
  return value
}

const refusalOf = (body: GatewayBody, httpStatus?: number): GatewayRefusal => ({
  gatewayMessage: joinMessage(body.message),
  httpStatus,
  bodyStatus:
    typeof body.status === 'number' || typeof body.status === 'string' ? body.status : undefined,
})

/**
 * The error for a success reply that lacks a field the client needs (an unknown shape). The
 * gateway said yes, so for a send `maybeDelivered` is true.
 *
 * @example
 * ```ts
 * throw unexpectedReply(body, 'message_id', true)
 * ```
 */
export function unexpectedReply(
  body: GatewayBody,
  missing: string,
  maybeDelivered: boolean,
): IprogApiError {
  return new IprogApiError(
    `The IPROG gateway's reply has an unexpected shape: no usable "${missing}"`,
    refusalOf(body),
    { maybeDelivered },
  )
}

/**
 * A field as a string (numbers accepted: ids and codes sometimes come back as numbers).
 *
 * @example
 * ```ts
 * readString({ message_id: 'iSms-1' }, 'message_id') // 'iSms-1'
 * ```
 */
export function readString(body: GatewayBody, key: string): string | undefined {
  const value = body[key]
  if (typeof value === 'string') return value
  return typeof value === 'number' ? String(value) : undefined
}

/**
 * A value as a finite number: a number, or a numeric string (`''` and blanks are none, where
 * `Number('')` would be 0).
 *
 * @example
 * ```ts
 * toNumber('2') // 2
 * toNumber('') // undefined
 * ```
 */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'string') return value.trim() ? toNumber(Number(value)) : undefined
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

/**
 * A field as a finite number (see `toNumber`).
 *
 * @example
 * ```ts
 * readNumber({ sms_rate: '2' }, 'sms_rate') // 2
 * ```
 */
export function readNumber(body: GatewayBody, key: string): number | undefined {
  return toNumber(body[key])
}

/**
 * A nested object field (`data` of the account, OTP and reminder replies).
 *
 * @example
 * ```ts
 * readRecord({ status: 'success', data: { load_balance: 5 } }, 'data') // { load_balance: 5 }
 * ```
 */
export function readRecord(body: GatewayBody, key: string): GatewayBody | undefined {
  const value = body[key]
  return isPlainObject(value) ? value : undefined
}
