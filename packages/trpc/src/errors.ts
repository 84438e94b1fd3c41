/**
 * SMS errors as tRPC sees them: each core problem becomes the `TRPCError` code whose HTTP status
 * is the same as the REST adapters', with the core error as `cause`; the formatter and the
 * response meta put the problem details on the wire.
 */
import { isIprogError } from '@iprog-sms/core'
import {
  type ProblemCode,
  type ProblemDetails,
  type ProblemResponse,
  toProblem,
} from '@iprog-sms/core/server'
import { type TRPC_ERROR_CODE_KEY, TRPCError } from '@trpc/server'

/**
 * Each problem code -> the tRPC code that answers with the same HTTP status as the REST adapters.
 * Keyed by the closed code union, so a code core adds without a row here fails to compile.
 */
const TRPC_CODES: Readonly<Record<ProblemCode, TRPC_ERROR_CODE_KEY>> = {
  validation_error: 'BAD_REQUEST',
  invalid_json: 'BAD_REQUEST',
  bad_request: 'BAD_REQUEST',
  unauthorized: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  not_found: 'NOT_FOUND',
  gateway_not_found: 'NOT_FOUND',
  method_not_allowed: 'METHOD_NOT_SUPPORTED',
  payload_too_large: 'PAYLOAD_TOO_LARGE',
  unsupported_media_type: 'UNSUPPORTED_MEDIA_TYPE',
  otp_invalid: 'UNPROCESSABLE_CONTENT',
  rate_limited: 'TOO_MANY_REQUESTS',
  otp_attempts_exceeded: 'TOO_MANY_REQUESTS',
  aborted: 'CLIENT_CLOSED_REQUEST',
  missing_token: 'INTERNAL_SERVER_ERROR',
  invalid_option: 'INTERNAL_SERVER_ERROR',
  authorize_required: 'INTERNAL_SERVER_ERROR',
  internal_error: 'INTERNAL_SERVER_ERROR',
  auth_error: 'BAD_GATEWAY',
  api_error: 'BAD_GATEWAY',
  bulk_mismatch: 'BAD_GATEWAY',
  network_error: 'BAD_GATEWAY',
  store_full: 'SERVICE_UNAVAILABLE',
  queue_closed: 'SERVICE_UNAVAILABLE',
  timeout_error: 'GATEWAY_TIMEOUT',
}

/**
 * The `TRPCError` for a problem; its message is the problem's detail (fixed text for 5xx, so a
 * gateway message never reaches the client).
 *
 * @example
 * ```ts
 * const clinicProcedure = t.procedure.use(async ({ next }) => {
 *   try { return await next() } catch (error) { throw toTRPCError(toProblem(error), error) }
 * })
 * ```
 */
export function toTRPCError(problem: ProblemResponse, cause: unknown): TRPCError {
  return new TRPCError({ code: TRPC_CODES[problem.body.code], message: problem.body.detail, cause })
}

/**
 * The problem details of an error thrown by an SMS procedure (field `errors`, `retryAfter`,
 * `code`...), or `null` for any other error.
 *
 * @example
 * ```ts
 * errorFormatter: ({ shape, error }) => ({ ...shape, data: { ...shape.data, problem: smsProblem(error) } })
 * ```
 */
export function smsProblem(error: TRPCError): ProblemDetails | null {
  return isIprogError(error.cause) ? toProblem(error.cause).body : null
}

/**
 * An `errorFormatter` that adds `data.problem` (typed on the client) to every error.
 *
 * @example
 * ```ts
 * const t = initTRPC.context<Context>().create({ errorFormatter: smsErrorFormatter })
 * // client: if (error.data?.problem?.retryAfter) wait(error.data.problem.retryAfter)
 * ```
 */
export function smsErrorFormatter<TShape extends { data: object }>(opts: {
  shape: TShape
  error: TRPCError
}): TShape & { data: TShape['data'] & { problem: ProblemDetails | null } } {
  return { ...opts.shape, data: { ...opts.shape.data, problem: smsProblem(opts.error) } }
}

/**
 * A `responseMeta` for tRPC's HTTP adapters: answers `Retry-After` when an SMS procedure was
 * rate-limited, as the REST adapters do.
 *
 * @example
 * ```ts
 * createHTTPServer({ router: appRouter, createContext, responseMeta: smsResponseMeta })
 * ```
 */
export function smsResponseMeta(opts: { errors: readonly TRPCError[] }): {
  headers?: Record<string, string>
} {
  for (const error of opts.errors) {
    const retryAfter = smsProblem(error)?.retryAfter
    if (retryAfter !== undefined) return { headers: { 'retry-after': String(retryAfter) } }
  }
  return {}
}
