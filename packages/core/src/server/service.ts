/**
 * `createSmsService`: the operation table bound to a client and the server's policies
 * (authorize, OTP limits, body cap, client address). Its two entry points are what adapters
 * call: `invoke` (plain data, for native routes) and `fetch` (a Web handler).
 */

import type { z } from 'zod'
import type { SmsClient } from '../client/types.js'
import { IprogError, IprogValidationError, type ValidationIssue } from '../errors.js'
import type { SmsQueue } from '../queue/types.js'
import { type Authorize, assertAuthorizeConfigured, checkAuthorized } from './authorize.js'
import {
  type ClientIpContext,
  readsForwardedFor,
  resolveClientIp,
  type TrustProxy,
} from './client-ip.js'
import { IprogPayloadTooLargeError, IprogRouteError } from './errors.js'
import {
  createFetchHandler,
  type FetchConnection,
  handleOperationRequest,
} from './fetch-handler.js'
import { exceedsUtf8Bytes } from './json-body.js'
import type { OpenApiDocument, OpenApiOptions } from './openapi.js'
import { type OpenApiGenerator, openApiGenerator, openApiNotServedError } from './openapi-option.js'
import {
  type AnySmsOperation,
  createOperations,
  type OperationName,
  type OperationOutputs,
  type OtpMessageOptions,
} from './operations.js'
import { createOtpGuard, type OtpLimits } from './otp-guard.js'
import { type ProblemResponse, toProblem } from './problem.js'
import { type HeadersLike, headerValue, toHeaders } from './request-headers.js'
import { createMemoryStore } from './stores/memory-store.js'
import type { CounterStore } from './stores/store.js'

/** Where log lines go. Only setup warnings and 5xx summaries are logged, never a token. */
export interface SmsLogger {
  warn(message: string): void
  error(message: string): void
}

/** Options of `createSmsService`; every adapter takes the same ones. */
export interface SmsServiceOptions {
  /** The client the operations call (`createClient(...)` from `@iprog-sms/core`). */
  client: SmsClient
  /**
   * Required when any exposed operation spends credits or reads account data (all but OTP and
   * segments): return `true` to allow, `false` for 403, or throw `IprogUnauthorizedError` for
   * 401. `'public'` opts out explicitly and is logged once at startup.
   */
  authorize?: Authorize | 'public'
  /**
   * OTP text and abuse limits (cooldown 60 s, 5 sends/number/hour, 10 sends/number/24 h,
   * 20 sends/address/hour, 5 attempts/code, 100 verifies/address/hour).
   */
  otp?: OtpMessageOptions & OtpLimits
  /** Counters for the OTP limits. Default: a bounded in-memory store (one process). */
  store?: CounterStore
  /** Trust `X-Forwarded-For`: `false` (default), `true`, or the number of proxy hops. */
  trustProxy?: TrustProxy
  /** Overrides `trustProxy`: the client address from headers and socket (e.g. `cf-connecting-ip` on Workers). */
  getClientIp?: (context: ClientIpContext) => string | undefined
  /** Largest request body in bytes, refused with 413 before parsing. Default 65 536. */
  bodyLimitBytes?: number
  /** Most recipients of one bulk send, refused with 400 before any gateway call. Default 1000. */
  maxBulkRecipients?: number
  /**
   * Most parts of one SMS, as the client's `maxSegments` (default 10): `POST /segments` refuses
   * a longer text with 400 before analysing it.
   */
  maxSegments?: number
  /**
   * A delivery queue (`createSmsQueue` from `@iprog-sms/core/queue` or `@iprog-sms/bullmq`):
   * adds `POST /batches` (202, `Location` of the batch) and `GET /batches/:id` (progress),
   * both behind `authorize`.
   */
  queue?: SmsQueue
  /** Most recipients of one `POST /batches`. Default 100 000 (raise `bodyLimitBytes` too). */
  maxBatchRecipients?: number
  /** Default: `console`. */
  logger?: SmsLogger
  /** Clock in epoch ms for the OTP limits, for tests. Default `Date.now`. */
  now?: () => number
  /** Path prefix `fetch` strips before routing (e.g. `'/sms'`). Default `''`. */
  basePath?: string
  /**
   * The OpenAPI generator, `createOpenApiDocument` from `@iprog-sms/core/server`: `fetch` then
   * also serves `GET <basePath>/openapi.json` and `openapi()` builds the document. Passed in, not
   * switched on, so that apps without the document do not bundle it. Default: not served.
   */
  openapi?: OpenApiGenerator | false
}

/** One call of `invoke`. */
export interface InvokeCall {
  /** The operation input (REST adapters build it with `buildInput`). */
  input: unknown
  /** Request headers: Web `Headers` or Node's `req.headers`. */
  headers?: HeadersLike
  /**
   * Address of the TCP peer (`req.socket.remoteAddress`). The service derives the client address
   * from it and `X-Forwarded-For` by the `trustProxy` rule (or `getClientIp`).
   */
  ip?: string
  /** Aborts reads (GETs) when the caller goes away; sends ignore it. */
  signal?: AbortSignal
}

/** The operations bound to a client and policies: what adapters call. */
export interface SmsService {
  /** The table, for adapters to register routes from. */
  readonly operations: readonly AnySmsOperation[]
  /** Resolved `bodyLimitBytes`, for adapters that parse bodies themselves. */
  readonly bodyLimitBytes: number
  /** Validates, authorizes, applies the OTP limits, runs. Throws `IprogError`s. */
  invoke<N extends OperationName>(name: N, call: InvokeCall): Promise<OperationOutputs[N]>
  /** Any thrown value as problem details (logs 5xx summaries). */
  toProblem(error: unknown): ProblemResponse
  /** Web handler: routing under `basePath`, body cap, JSON parsing, problem responses. */
  fetch(request: Request, connection?: FetchConnection): Promise<Response>
  /** Runs one operation from a Web `Request` whose route the caller already matched (Hono). */
  handle(name: OperationName, request: Request, connection?: FetchConnection): Promise<Response>
  /** OpenAPI 3.1 document of the exposed operations, paths under `prefix` (needs the `openapi` option). */
  openapi(options?: OpenApiOptions): OpenApiDocument
}

/**
 * Binds the operation table to a client and the server's policies.
 *
 * @example
 * ```ts
 * const service = createSmsService({
 *   client: createClient(),
 *   authorize: (ctx) => ctx.headers.get('x-api-key') === process.env.SMS_ROUTES_KEY,
 * })
 * const result = await service.invoke('messages.send', { input: { to, message }, headers })
 * ```
 */
export function createSmsService(options: SmsServiceOptions): SmsService {
  const logger = options.logger ?? console
  const now = options.now ?? Date.now
  const bodyLimitBytes = options.bodyLimitBytes ?? 65_536
  const operations = createOperations({
    maxBulkRecipients: options.maxBulkRecipients ?? 1000,
    maxSegments: options.maxSegments ?? 10,
    maxBatchRecipients: options.maxBatchRecipients ?? 100_000,
    withQueue: options.queue !== undefined,
  })
  assertAuthorizeConfigured(operations, options.authorize, logger)
  const byName = new Map(operations.map((op) => [op.name, op] as const))
  const { message, codeLength, expiresInMinutes, ...limits } = options.otp ?? {}
  const otp = { message, codeLength, expiresInMinutes }
  // Caught at startup: otherwise every OTP send would fail with a 400 the end user cannot fix.
  if (message !== undefined && !message.includes(':otp')) {
    throw new IprogError('invalid_option', 'otp.message must contain the :otp placeholder')
  }
  const guard = createOtpGuard({ store: options.store ?? createMemoryStore({ now }), limits, now })
  const clientIp = (context: ClientIpContext) =>
    options.getClientIp
      ? (options.getClientIp(context) ?? 'unknown')
      : resolveClientIp(context, options.trustProxy)
  // Without them the client address is the socket's: no Headers copy for it.
  const ipReadsHeaders = options.getClientIp !== undefined || readsForwardedFor(options.trustProxy)
  // One document per mount: adapters pass the mount's pattern or configuration, never a request
  // path, so a few entries cover every mount; the bound only guards a misuse.
  const documents = new Map<string, OpenApiDocument>()
  const generateOpenApi = openApiGenerator(options.openapi)
  let storeFullLogged = false

  const service: SmsService = {
    operations,
    bodyLimitBytes,
    async invoke(name, call) {
      const operation = byName.get(name)
      if (operation === undefined) throw new IprogRouteError('not_found')
      // Web `Headers` are built only when something reads them (authorize, X-Forwarded-For): a
      // copy of Node's header object on every request is a cost the adapters' goal cannot pay.
      let headers: Headers | undefined
      const webHeaders = () => {
        headers ??= toHeaders(call.headers)
        return headers
      }
      // Also catches bodies an app's own parser already accepted under a looser limit.
      const declared = headerValue(call.headers, 'content-length')
      if (Number(declared ?? 0) > bodyLimitBytes) {
        throw new IprogPayloadTooLargeError(bodyLimitBytes)
      }
      // No length to go by (a chunked body an app's parser read, a tRPC input): the input's own
      // JSON is at most as long as the body it came from, so a longer one is surely over.
      if (
        declared === null &&
        operation.inputFrom === 'body' &&
        exceedsUtf8Bytes(jsonText(call.input), bodyLimitBytes)
      ) {
        throw new IprogPayloadTooLargeError(bodyLimitBytes)
      }
      const parsed = operation.input.safeParse(call.input)
      if (!parsed.success) {
        const issues = parsed.error.issues.map(toValidationIssue)
        throw new IprogValidationError(describeIssues(issues), issues)
      }
      const ip = clientIp({
        // Not a getter: an object literal with one costs ~0.3 µs to make, and more in every
        // function that then reads a property of it.
        headers: ipReadsHeaders ? webHeaders() : NO_HEADERS,
        remoteAddress: call.ip,
      })
      if (operation.needsAuthorize) {
        // Synchronous for a synchronous hook (see `checkAuthorized`): no await to pay for then.
        const pending = checkAuthorized(options.authorize, {
          operation: operation.name,
          input: parsed.data,
          headers: webHeaders(),
          ip,
        })
        if (pending !== undefined) await pending
      }
      const context = {
        client: options.client,
        ip,
        signal: operation.method === 'GET' ? call.signal : undefined,
        guard,
        otp,
        queue: options.queue,
      }
      const run = operation.run as (input: unknown, ctx: typeof context) => Promise<unknown>
      // `return await`, not `return`: an async function that returns a promise settles two
      // microtask turns later than one that awaits it, on every request.
      return (await run(parsed.data, context)) as OperationOutputs[typeof name]
    },
    toProblem(error) {
      const problem = toProblem(error)
      // A full store refuses every new key until counters expire: one line says so, not one per
      // refused request (that would be a log flood on top of the request flood).
      const repeat = problem.body.code === 'store_full' && storeFullLogged
      if (problem.body.code === 'store_full') storeFullLogged = true
      if (problem.status >= 500 && !repeat) {
        const summary = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
        logger.error(`[iprog-sms] ${problem.body.code} (${problem.status}): ${summary}`)
      }
      return problem
    },
    fetch: (request, connection) => fetchHandler(request, connection),
    handle: (name, request, connection) =>
      handleOperationRequest(service, name, request, connection),
    openapi(openapiOptions = {}) {
      if (generateOpenApi === undefined) throw openApiNotServedError()
      const key = JSON.stringify(openapiOptions)
      let document = documents.get(key)
      if (document === undefined) {
        document = generateOpenApi(operations, openapiOptions)
        if (documents.size < MAX_CACHED_DOCUMENTS) documents.set(key, document)
      }
      return document
    },
  }
  const fetchHandler = createFetchHandler(service, {
    basePath: options.basePath ?? '',
    openapi: generateOpenApi !== undefined,
  })
  return service
}

// zod's own code (`too_small`, `invalid_type`…), or for a custom check the code core's rule gave
// (`phone_country`): the route then says exactly what the client says for the same input.
function toValidationIssue(issue: z.core.$ZodIssue): ValidationIssue {
  const own = issue.code === 'custom' ? issue.params?.['code'] : undefined
  return {
    path: issue.path.filter((key) => typeof key !== 'symbol') as (string | number)[],
    message: issue.message,
    code: typeof own === 'string' ? own : issue.code,
  }
}

const MAX_CACHED_DOCUMENTS = 8

// What `resolveClientIp` is given when it reads no headers (see `readsForwardedFor`); never written.
const NO_HEADERS = new Headers()

// An input a transformer revived into something JSON cannot hold (a BigInt) is left to validation.
function jsonText(input: unknown): string {
  try {
    return JSON.stringify(input) ?? ''
  } catch {
    return ''
  }
}

function describeIssues(issues: ValidationIssue[]): string {
  return issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ` : '') + issue.message)
    .join('; ')
}
