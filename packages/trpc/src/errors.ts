/**
 * SMS errors as tRPC sees them: each core problem becomes the `TRPCError` code whose HTTP status
 * is the same as the REST adapters', with the core error as `cause`; the formatter and the
 * response meta put the problem details on the wire.
 */
import { isIprogError } from '@iprog-sms/core'
import { type ProblemDetails, type ProblemResponse, toProblem } from '@iprog-sms/core/server'
import { type TRPC_ERROR_CODE_KEY, TRPCError } from '@trpc/server'

// HTTP status of core's problem -> the tRPC code that answers with the same status.
const TRPC_CODES: Record<number, TRPC_ERROR_CODE_KEY> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  422: 'UNPROCESSABLE_CONTENT',
  429: 'TOO_MANY_REQUESTS',
  499: 'CLIENT_CLOSED_REQUEST',
  502: 'BAD_GATEWAY',
  504: 'GATEWAY_TIMEOUT',
}

/**
 * The `TRPCError` for a problem; its message is the problem's detail (fixed text for 5xx, so a
 * gateway message never reaches the client).
 *
 * @example
 * ```ts
 * throw toTRPCError(service.toProblem(error), error)
 * ```
 */
export function toTRPCError(problem: ProblemResponse, cause: unknown): TRPCError {
  return new TRPCError({
    code: TRPC_CODES[problem.status] ?? 'INTERNAL_SERVER_ERROR',
    message: problem.body.detail,
    cause,
  })
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
