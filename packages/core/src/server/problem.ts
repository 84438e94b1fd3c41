/**
 * RFC 9457 problem details: the one table that maps every error code to an HTTP status, a title
 * and a type URI. Every adapter answers errors through `toProblem`, so a status never depends on
 * the framework.
 */
import { type IprogErrorCode, isIprogError, type ValidationIssue } from '../errors.js'
import type { ServerErrorCode } from './errors.js'

/**
 * Every code a problem can carry: the client's, the server layer's, and the two the mapping
 * itself makes (a gateway 404, and anything unknown).
 */
export type ProblemCode = IprogErrorCode | ServerErrorCode | 'gateway_not_found' | 'internal_error'

/** The `application/problem+json` body every error leaves as. */
export interface ProblemDetails {
  /** `urn:iprog-sms:problem:<code>`. */
  type: string
  title: string
  status: number
  detail: string
  /** Stable machine-readable code, the `IprogError` code. */
  code: ProblemCode
  /** Validation problems: every field with its message and its issue code (`phone_country`…). */
  errors?: ValidationIssue[]
  /** Seconds until a retry may succeed (also sent as `Retry-After`). */
  retryAfter?: number
  /**
   * `false` on every refusal made before the gateway call (bad input, `authorize`, body, limits)
   * and on the gateway's well-formed refusals: nothing was sent, a resend is safe. `true` when
   * the SMS may have gone out (timeout, reset, a 5xx or cut reply): do not resend blindly.
   * Absent only on an unexpected 500, where nothing is known.
   */
  maybeDelivered?: boolean
}

/** A problem ready to send: status, headers (content type, `Retry-After`, `Allow`) and body. */
export interface ProblemResponse {
  status: number
  headers: Record<string, string>
  body: ProblemDetails
}

interface ProblemKind {
  status: number
  title: string
  /**
   * Fixed text for faults the caller cannot fix. A 5xx never repeats the error's own message:
   * a gateway or runtime message may quote configuration, and the token must never leave.
   */
  detail?: string
  /**
   * What the answer can say about an SMS when the error itself does not: `false` for refusals
   * raised before any gateway call (nothing can have been sent); `'as the error says'` where
   * only the error knows (the client's gateway and transport errors always say).
   */
  maybeDelivered: false | 'as the error says'
}

const SETUP_FAULT: ProblemKind = {
  status: 500,
  title: 'Internal server error',
  detail: 'The SMS routes are misconfigured',
  // Raised when the service is built or before it calls the gateway.
  maybeDelivered: false,
}

/**
 * The status mapping of ARCHITECTURE.md, in one place. Typed by the closed code union: a code
 * without a row does not compile (it would otherwise silently become a 500).
 */
export const PROBLEM_KINDS: Readonly<Record<ProblemCode, ProblemKind>> = {
  validation_error: { status: 400, title: 'Invalid input', maybeDelivered: false },
  invalid_json: { status: 400, title: 'Malformed JSON body', maybeDelivered: false },
  bad_request: { status: 400, title: 'Bad request', maybeDelivered: false },
  // Client-side checks of the gateway's own answer, or setup faults: never the caller's doing.
  missing_token: SETUP_FAULT,
  invalid_option: SETUP_FAULT,
  authorize_required: SETUP_FAULT,
  bulk_mismatch: {
    status: 502,
    title: 'Bad gateway',
    detail: 'The SMS gateway answered a bulk send it did not match',
    maybeDelivered: 'as the error says',
  },
  unauthorized: { status: 401, title: 'Unauthorized', maybeDelivered: false },
  forbidden: { status: 403, title: 'Forbidden', maybeDelivered: false },
  not_found: { status: 404, title: 'Not found', maybeDelivered: false },
  method_not_allowed: { status: 405, title: 'Method not allowed', maybeDelivered: false },
  payload_too_large: { status: 413, title: 'Payload too large', maybeDelivered: false },
  unsupported_media_type: { status: 415, title: 'Unsupported media type', maybeDelivered: false },
  otp_invalid: { status: 422, title: 'Invalid code', maybeDelivered: false },
  rate_limited: { status: 429, title: 'Too many requests', maybeDelivered: false },
  otp_attempts_exceeded: { status: 429, title: 'Too many attempts', maybeDelivered: false },
  // Every slot of the counter store holds a live limit: refusing is safer than forgetting one.
  store_full: {
    status: 503,
    title: 'Service unavailable',
    detail: 'The server is at its rate-limit capacity; try again later',
    maybeDelivered: false,
  },
  // The queue was closed for shutdown: the same request to another instance may succeed.
  queue_closed: {
    status: 503,
    title: 'Service unavailable',
    detail: 'The SMS queue is shutting down and takes no new work',
    maybeDelivered: false,
  },
  // Cancelled before or after the request left: only the client's error knows which.
  aborted: {
    status: 499,
    title: 'Request cancelled',
    detail: 'The request was cancelled',
    maybeDelivered: 'as the error says',
  },
  // The gateway refusing *our* token (or our empty balance) is the server operator's problem:
  // a 401 would tell the end user to fix credentials they never had.
  auth_error: {
    status: 502,
    title: 'Bad gateway',
    detail: 'The SMS gateway refused the server credentials (invalid token or no load balance)',
    maybeDelivered: 'as the error says',
  },
  api_error: {
    status: 502,
    title: 'Bad gateway',
    detail: 'The SMS gateway refused the request',
    maybeDelivered: 'as the error says',
  },
  // The gateway itself said 404 (e.g. no reminder with that id): the caller's id is wrong.
  gateway_not_found: {
    status: 404,
    title: 'Not found',
    detail: 'The SMS gateway has no record with this id',
    maybeDelivered: 'as the error says',
  },
  network_error: {
    status: 502,
    title: 'Bad gateway',
    detail: 'The SMS gateway could not be reached',
    maybeDelivered: 'as the error says',
  },
  timeout_error: {
    status: 504,
    title: 'Gateway timeout',
    detail: 'The SMS gateway did not answer in time',
    maybeDelivered: 'as the error says',
  },
  internal_error: {
    status: 500,
    title: 'Internal server error',
    detail: 'An unexpected error occurred',
    // A fault of unknown origin: nothing is known, so nothing is claimed.
    maybeDelivered: 'as the error says',
  },
}

const CONTENT_TYPE = 'application/problem+json'

/**
 * Turns any thrown value into a problem response. `IprogError`s map by `code`; errors of body
 * parsers that follow the `http-errors` convention (`status`/`statusCode` 4xx: Express's
 * body-parser, Fastify's content parser) map to 400/413; anything else is a 500 with a fixed
 * detail and no stack.
 *
 * @example
 * ```ts
 * const { status, headers, body } = toProblem(error)
 * res.status(status).set(headers).send(JSON.stringify(body))
 * ```
 */
export function toProblem(error: unknown): ProblemResponse {
  const code = problemCode(error)
  const kind = PROBLEM_KINDS[code]
  const known = isIprogError(error)
  const fields = (known ? error : {}) as unknown as Record<string, unknown>
  const body: ProblemDetails = {
    type: `urn:iprog-sms:problem:${code}`,
    title: kind.title,
    status: kind.status,
    detail: kind.detail ?? (known ? (error as Error).message : kind.title),
    code,
  }
  const headers: Record<string, string> = { 'content-type': CONTENT_TYPE }
  if (Array.isArray(fields['issues'])) {
    body.errors = (fields['issues'] as ValidationIssue[]).map(({ path, message, code }) =>
      code === undefined ? { path, message } : { path, message, code },
    )
  }
  if (typeof fields['retryAfterSeconds'] === 'number') {
    body.retryAfter = fields['retryAfterSeconds']
    headers['retry-after'] = String(fields['retryAfterSeconds'])
  }
  if (typeof fields['maybeDelivered'] === 'boolean') {
    body.maybeDelivered = fields['maybeDelivered']
  } else if (kind.maybeDelivered === false) {
    // Framework body-parser faults and the server's own refusals come before any gateway call.
    body.maybeDelivered = false
  }
  if (Array.isArray(fields['allow']) && fields['allow'].length > 0) {
    headers['allow'] = (fields['allow'] as string[]).join(', ')
  }
  return { status: kind.status, headers, body }
}

/**
 * A Web `Response` carrying the problem, for fetch-style handlers.
 *
 * @example
 * ```ts
 * return problemResponse(toProblem(error))
 * ```
 */
export function problemResponse(problem: ProblemResponse): Response {
  return new Response(JSON.stringify(problem.body), {
    status: problem.status,
    headers: problem.headers,
  })
}

function problemCode(error: unknown): ProblemCode {
  if (isIprogError(error)) {
    if (error.code === 'api_error' && (error as { httpStatus?: number }).httpStatus === 404) {
      return 'gateway_not_found'
    }
    // Another loaded copy of core (older or newer) may raise a code this table lacks.
    return Object.hasOwn(PROBLEM_KINDS, error.code) ? (error.code as ProblemCode) : 'internal_error'
  }
  if (typeof error !== 'object' || error === null) return 'internal_error'
  const e = error as Record<string, unknown>
  const status = typeof e['statusCode'] === 'number' ? e['statusCode'] : e['status']
  if (status === 413) return 'payload_too_large'
  if (status === 400 && isJsonSyntaxFault(e)) return 'invalid_json'
  if (typeof status === 'number' && status >= 400 && status < 500) return 'bad_request'
  return 'internal_error'
}

function isJsonSyntaxFault(e: Record<string, unknown>): boolean {
  return (
    e['type'] === 'entity.parse.failed' ||
    e['code'] === 'FST_ERR_CTP_INVALID_JSON' ||
    // Fastify 5's default JSON parser.
    e['code'] === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    e['code'] === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    e['name'] === 'SyntaxError'
  )
}
