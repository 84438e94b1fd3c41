/**
 * Errors raised by the server layer (`@iprog-sms/core/server`) itself, beside the client's
 * gateway errors. Each has a stable `code`; `problem.ts` maps every code to an HTTP status.
 */
import { IprogError, type IprogErrorOptions } from '../errors.js'

/** The codes of the errors below (and of body parsers' faults), beside the client's codes. */
export type ServerErrorCode =
  | 'rate_limited'
  | 'otp_attempts_exceeded'
  | 'otp_invalid'
  | 'forbidden'
  | 'unauthorized'
  | 'payload_too_large'
  | 'invalid_json'
  | 'bad_request'
  | 'not_found'
  | 'method_not_allowed'
  | 'invalid_option'
  | 'authorize_required'
  | 'unsupported_media_type'
  | 'store_full'

/**
 * Too many requests for one phone number or one client address. `retryAfterSeconds` becomes the
 * `Retry-After` header.
 *
 * @example
 * ```ts
 * throw new IprogRateLimitError('Wait before asking for another code', 42)
 * ```
 */
export class IprogRateLimitError extends IprogError {
  override name = 'IprogRateLimitError'
  readonly retryAfterSeconds: number

  constructor(message: string, retryAfterSeconds: number, options: IprogErrorOptions = {}) {
    super('rate_limited', message, options)
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds))
  }
}

/**
 * The verify-attempt budget of the last issued code is spent: the code is dead, only a new send
 * helps. Answered as 429 with `Retry-After` (when a new send is allowed).
 *
 * @example
 * ```ts
 * throw new IprogOtpAttemptsExceededError(60)
 * ```
 */
export class IprogOtpAttemptsExceededError extends IprogError {
  override name = 'IprogOtpAttemptsExceededError'
  readonly retryAfterSeconds: number

  constructor(retryAfterSeconds: number, options: IprogErrorOptions = {}) {
    super('otp_attempts_exceeded', 'Too many attempts for this code; request a new code', options)
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds))
  }
}

/**
 * A wrong or expired code, or no code at all: one answer for all three, so the route never tells
 * whether a number ever received a code.
 *
 * @example
 * ```ts
 * throw new IprogOtpInvalidError()
 * ```
 */
export class IprogOtpInvalidError extends IprogError {
  override name = 'IprogOtpInvalidError'
  constructor(options: IprogErrorOptions = {}) {
    super('otp_invalid', 'The code is wrong or has expired', options)
  }
}

/**
 * The `authorize` hook refused the request (it returned `false`): answered as 403.
 *
 * @example
 * ```ts
 * authorize: (ctx) => { if (!ctx.headers.get('authorization')) throw new IprogUnauthorizedError(); return true }
 * ```
 */
export class IprogForbiddenError extends IprogError {
  override name = 'IprogForbiddenError'
  constructor(message = 'Not allowed to use this operation', options: IprogErrorOptions = {}) {
    super('forbidden', message, options)
  }
}

/**
 * No credentials at all: an `authorize` hook may throw this to answer 401 instead of 403.
 *
 * @example
 * ```ts
 * authorize: (ctx) => { if (!ctx.headers.has('x-api-key')) throw new IprogUnauthorizedError(); return check(ctx) }
 * ```
 */
export class IprogUnauthorizedError extends IprogError {
  override name = 'IprogUnauthorizedError'
  constructor(message = 'Credentials are missing', options: IprogErrorOptions = {}) {
    super('unauthorized', message, options)
  }
}

/**
 * The request body is larger than the configured limit (checked before parsing and before any
 * gateway call): answered as 413.
 *
 * @example
 * ```ts
 * throw new IprogPayloadTooLargeError(65_536)
 * ```
 */
export class IprogPayloadTooLargeError extends IprogError {
  override name = 'IprogPayloadTooLargeError'
  readonly limitBytes: number

  constructor(limitBytes: number, options: IprogErrorOptions = {}) {
    super('payload_too_large', `The request body is larger than ${limitBytes} bytes`, options)
    this.limitBytes = limitBytes
  }
}

/**
 * The request body is not valid JSON: answered as 400.
 *
 * @example
 * ```ts
 * throw new IprogInvalidJsonError()
 * ```
 */
export class IprogInvalidJsonError extends IprogError {
  override name = 'IprogInvalidJsonError'
  constructor(options: IprogErrorOptions = {}) {
    super('invalid_json', 'The request body is not valid JSON', options)
  }
}

/**
 * No operation at this path (404), or none for this method (405, with `allow`).
 *
 * @example
 * ```ts
 * throw new IprogRouteError('method_not_allowed', ['GET'])
 * ```
 */
export class IprogRouteError extends IprogError {
  override name = 'IprogRouteError'
  readonly allow: string[]

  constructor(
    code: 'not_found' | 'method_not_allowed',
    allow: string[] = [],
    options: IprogErrorOptions = {},
  ) {
    super(
      code,
      code === 'not_found' ? 'No SMS operation at this path' : 'Method not allowed here',
      options,
    )
    this.allow = allow
  }
}

/**
 * A route that takes a body got one not declared JSON (`application/json` or `…+json`): a form
 * post or a `no-cors` fetch from another site. Answered as 415; nothing runs.
 *
 * @example
 * ```ts
 * throw new IprogUnsupportedMediaTypeError('text/plain')
 * ```
 */
export class IprogUnsupportedMediaTypeError extends IprogError {
  override name = 'IprogUnsupportedMediaTypeError'
  constructor(contentType: string | null | undefined, options: IprogErrorOptions = {}) {
    super(
      'unsupported_media_type',
      contentType
        ? 'The request body must be JSON (Content-Type: application/json)'
        : 'The request body must be JSON; send Content-Type: application/json',
      options,
    )
  }
}

/**
 * The counter store is full of live counters and cannot take a new key. Forgetting a live limit
 * to make room would let an attacker reset it by flooding, so the request is refused (503).
 *
 * @example
 * ```ts
 * throw new IprogStoreFullError(100_000)
 * ```
 */
export class IprogStoreFullError extends IprogError {
  override name = 'IprogStoreFullError'
  readonly maxEntries: number

  constructor(maxEntries: number, options: IprogErrorOptions = {}) {
    super(
      'store_full',
      `The rate-limit store holds ${maxEntries} live counters and takes no new key`,
      options,
    )
    this.maxEntries = maxEntries
  }
}
