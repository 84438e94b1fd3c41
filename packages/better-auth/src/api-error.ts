/**
 * Every refusal leaves as better-auth's own `APIError`, so its router answers it with the status
 * and its client reports `error.status` and `error.code`. The status, the `Retry-After` and the
 * text come from core's `toProblem`, the one mapping every adapter uses: a 5xx carries a fixed
 * text, never the gateway's words, the token or a code.
 */
import { isIprogError } from '@iprog-sms/core'
import { toProblem } from '@iprog-sms/core/server'
import { APIError, isAPIError } from 'better-auth/api'

/**
 * The `APIError` for an error raised while sending or checking a code; an `APIError` passes
 * through unchanged.
 *
 * @example
 * ```ts
 * throw toApiError(new IprogRateLimitError('Wait before asking again', 42)) // 429, retry-after: 42
 * ```
 */
export function toApiError(error: unknown): APIError {
  if (isAPIError(error)) return error
  const problem = toProblem(error)
  const headers: Record<string, string> = {}
  if (problem.headers['retry-after']) headers['retry-after'] = problem.headers['retry-after']
  const body: Record<string, unknown> = {
    code: problem.body.code.toUpperCase(),
    message: problem.body.detail,
  }
  if (problem.body.retryAfter !== undefined) body['retryAfter'] = problem.body.retryAfter
  if (problem.body.maybeDelivered !== undefined)
    body['maybeDelivered'] = problem.body.maybeDelivered
  // toProblem's statuses are all standard ones (400, 429, 502, ...), which APIError types as a union.
  const status = problem.status as ConstructorParameters<typeof APIError>[0]
  return new APIError(status, body, headers)
}

/**
 * True for errors that must be logged for the operator (gateway faults, bugs), false for the
 * refusals a caller causes (limits, bad input).
 *
 * @example
 * ```ts
 * if (isServerFault(error)) logger.error('SMS send failed', error)
 * ```
 */
export function isServerFault(error: unknown): boolean {
  return toProblem(error).status >= 500 || !isIprogError(error)
}
