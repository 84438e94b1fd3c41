/**
 * Every failure this SDK raises is an `IprogError` subclass with a stable `code`.
 * Callers branch on `code` (or `isIprogError`), never on message text.
 */

// A brand survives two loaded copies of core (ESM + CJS in one process), where `instanceof` does not.
const BRAND = Symbol.for('iprog-sms.error')

/**
 * Every code an `IprogError` can carry. The union is closed on purpose: a table keyed by it (the
 * server's problem mapping) fails to compile when a new code has no row.
 */
export type IprogErrorCode =
  // Raised by the client (root entry).
  | 'validation_error'
  | 'auth_error'
  | 'api_error'
  /** The gateway has no record with that id (an unknown message id, reminder id). */
  | 'not_found'
  | 'network_error'
  | 'timeout_error'
  | 'aborted'
  | 'missing_token'
  | 'bulk_mismatch'
  // Raised by the server layer (`@iprog-sms/core/server`).
  | 'invalid_option'
  | 'authorize_required'
  | 'unauthorized'
  | 'forbidden'
  | 'invalid_json'
  | 'payload_too_large'
  | 'method_not_allowed'
  | 'rate_limited'
  | 'otp_invalid'
  | 'otp_attempts_exceeded'
  | 'unsupported_media_type'
  | 'store_full'
  // Raised by the queue (`@iprog-sms/core/queue`).
  | 'queue_closed'

export interface IprogErrorOptions {
  cause?: unknown
  /**
   * For an error of a call that may send an SMS: whether it may have reached the gateway and been
   * carried out (see `IprogError.maybeDelivered`).
   */
  maybeDelivered?: boolean | undefined
}

/** One problem with one field of an input; becomes an entry of problem+json `errors`. */
export interface ValidationIssue {
  /** Where the problem is, e.g. `['to', 2]` for the third recipient. */
  path: (string | number)[]
  message: string
  code?: string
}

/**
 * Base class of every error raised by iprog-sms.
 *
 * @example
 * ```ts
 * try { await sms.messages.send({ to, message }) }
 * catch (e) { if (isIprogError(e)) console.error(e.code, e.message) }
 * ```
 */
export class IprogError extends Error {
  override name = 'IprogError'
  // `declare`: fields are set in the constructor, so no class-field boilerplate is emitted.
  declare readonly code: IprogErrorCode
  /**
   * Set on every error of a call that can send (`messages.send`, each bulk chunk, `otp.send`,
   * `reminders.create`/`update`): `false` only when the request certainly never reached the
   * gateway or the gateway answered a well-formed refusal, so resending cannot duplicate an SMS;
   * `true` otherwise (timeout, reset, 5xx, a cut or non-JSON reply, an abort after it left).
   */
  declare readonly maybeDelivered?: boolean
  declare readonly [BRAND]: true

  constructor(code: IprogErrorCode, message: string, options?: IprogErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    // An own field only when known, so `toJSON()` (and problem bodies) carry it only then.
    if (options?.maybeDelivered !== undefined) this.maybeDelivered = options.maybeDelivered
    Object.defineProperty(this, BRAND, { value: true }) // not enumerable
  }

  /** Plain, token-free data for logs and JSON bodies; never includes the stack or `cause`. */
  toJSON(): Record<string, unknown> {
    // Own enumerable fields; `message`, `stack` and the `cause` set by `Error` are not enumerable.
    const { cause: _cause, ...fields } = this as unknown as Record<string, unknown>
    return { name: this.name, code: this.code, message: this.message, ...fields }
  }
}

/**
 * Bad input, caught before anything is sent. `issues` lists every problem found.
 *
 * @example
 * ```ts
 * throw new IprogValidationError('Phone number is empty', [{ path: ['to'], message: 'Phone number is empty' }])
 * ```
 */
export class IprogValidationError extends IprogError {
  override name = 'IprogValidationError'
  declare readonly issues: ValidationIssue[]
  /** Always false: bad input is refused before anything is sent. */
  declare readonly maybeDelivered: false

  constructor(message: string, issues: ValidationIssue[] = [], options?: IprogErrorOptions) {
    super('validation_error', message, { ...options, maybeDelivered: false })
    this.issues = issues.length > 0 ? issues : [{ path: [], message }]
  }
}

/** Details the gateway gave when it refused a request. */
export interface GatewayRefusal {
  /** The gateway's own words, arrays joined with `; `. */
  gatewayMessage?: string
  /** HTTP status of the answer (the gateway often answers 200 with `status: 500` in the body). */
  httpStatus?: number
  /** `status` field of the body, when there was one. */
  bodyStatus?: number | string
}

/**
 * The gateway refused the request (error body, HTTP 4xx/5xx, HTML page, unknown shape).
 *
 * @example
 * ```ts
 * if (e instanceof IprogApiError) console.error(e.httpStatus, e.gatewayMessage)
 * ```
 */
export class IprogApiError extends IprogError {
  override name = 'IprogApiError'
  declare readonly gatewayMessage: string | undefined
  declare readonly httpStatus: number | undefined
  declare readonly bodyStatus: number | string | undefined

  constructor(
    message: string,
    refusal: GatewayRefusal = {},
    options?: IprogErrorOptions & { code?: IprogErrorCode },
  ) {
    super(options?.code ?? 'api_error', message, options)
    this.gatewayMessage = refusal.gatewayMessage
    this.httpStatus = refusal.httpStatus
    this.bodyStatus = refusal.bodyStatus
  }
}

/**
 * The token is unknown or the account has no credits: the gateway says both with one message,
 * `Invalid api token or no load balance`.
 *
 * @example
 * ```ts
 * if (e instanceof IprogAuthError) alert('Check IPROG_SMS_API_TOKEN and your load balance')
 * ```
 */
export class IprogAuthError extends IprogApiError {
  override name = 'IprogAuthError'
  constructor(message: string, refusal: GatewayRefusal = {}, options?: IprogErrorOptions) {
    super(message, refusal, { ...options, code: 'auth_error' })
  }
}

/**
 * The request failed below HTTP (DNS, refused connection, reset). `maybeDelivered` is true when
 * the request may have reached the gateway.
 *
 * @example
 * ```ts
 * if (e instanceof IprogNetworkError && !e.maybeDelivered) await retryLater()
 * ```
 */
export class IprogNetworkError extends IprogError {
  override name = 'IprogNetworkError'
  /** True when the request may have reached the gateway (a POST may have been delivered). */
  declare readonly maybeDelivered: boolean

  constructor(message: string, maybeDelivered: boolean, options?: IprogErrorOptions) {
    super('network_error', message, { ...options, maybeDelivered })
  }
}

/**
 * No answer within `timeoutMs`. For a send, `maybeDelivered` is true: the SMS may have gone out,
 * so do not blindly resend.
 *
 * @example
 * ```ts
 * if (e instanceof IprogTimeoutError && e.maybeDelivered) await checkStatusBeforeResending()
 * ```
 */
export class IprogTimeoutError extends IprogError {
  override name = 'IprogTimeoutError'
  declare readonly maybeDelivered: boolean
  declare readonly timeoutMs: number

  constructor(
    message: string,
    timeoutMs: number,
    maybeDelivered: boolean,
    options?: IprogErrorOptions,
  ) {
    super('timeout_error', message, { ...options, maybeDelivered })
    this.timeoutMs = timeoutMs
  }
}

/**
 * The caller's `AbortSignal` fired. `cause` is the signal's reason.
 *
 * @example
 * ```ts
 * if (e instanceof IprogAbortError) return // the user navigated away
 * ```
 */
export class IprogAbortError extends IprogError {
  override name = 'IprogAbortError'
  constructor(message = 'The request was aborted', options?: IprogErrorOptions) {
    super('aborted', message, options)
  }
}

/**
 * True for any iprog-sms error, even one thrown by another loaded copy of the package.
 *
 * @example
 * ```ts
 * catch (e) { if (isIprogError(e) && e.code === 'auth_error') ... }
 * ```
 */
export function isIprogError(value: unknown): value is IprogError {
  // Reading a symbol key of a primitive is harmless (it is boxed); only null/undefined need `?.`.
  return (value as Record<symbol, unknown> | null | undefined)?.[BRAND] === true
}
