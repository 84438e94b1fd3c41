/**
 * The operation table: every SMS route, once. Adapters iterate over it and never list routes by
 * hand; each entry says how it is reached over REST, what it accepts, whether it spends credits,
 * and what it runs.
 *
 * Input of an operation: one object, validated by `input`. REST adapters build it with
 * `buildInput(operation, { params, query, body })`: the JSON body or the query, as the row's
 * `inputFrom` says, and the path parameters on top (a body cannot override the `:id` of the
 * URL). Non-REST adapters (tRPC) pass their procedure input as is.
 */
import type { z } from 'zod'
import type {
  BulkResult,
  CreditsResult,
  Reminder,
  SendResult,
  SmsClient,
  StatusResult,
} from '../client/types.js'
import { analyzeMessage, type MessageAnalysis } from '../encoding/analyze.js'
import { IprogError, isIprogError } from '../errors.js'
import type { BatchProgress, EnqueueBulkResult, SmsQueue } from '../queue/types.js'
import { IprogOtpInvalidError } from './errors.js'
import type { OtpGuard } from './otp-guard.js'
import { createSchemas, type OperationSchemas, type SchemaLimits } from './schemas.js'

export type OperationName = keyof OperationSchemas
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE'
/** Where a REST request carries the input (path parameters always come on top). */
export type InputSource = 'body' | 'query'

/** What `POST /otp/send` answers: never the code, nor the SMS text that holds it. */
export interface OtpSendPublicResult {
  sent: true
  to: string
  expiresAt: Date | undefined
}

/** What `POST /otp/verify` answers on success (a wrong code is a 422 problem). */
export interface OtpVerifyPublicResult {
  verified: true
}

/** The result type of every operation. */
export interface OperationOutputs {
  'messages.send': SendResult
  'messages.sendBulk': BulkResult
  'messages.status': StatusResult
  'account.credits': CreditsResult
  'otp.send': OtpSendPublicResult
  'otp.verify': OtpVerifyPublicResult
  'reminders.create': Reminder
  'reminders.get': Reminder
  'reminders.update': Reminder
  'reminders.delete': Reminder
  'batches.create': EnqueueBulkResult
  'batches.get': BatchProgress
  segments: MessageAnalysis
}

/** The validated input type of an operation. */
export type OperationInput<N extends OperationName> = z.output<OperationSchemas[N]>

/** What an OTP send puts in the SMS; set by the server, never by the caller. */
export interface OtpMessageOptions {
  /** Must contain `:otp`. Default: the gateway's own text. */
  message?: string
  /** 4-10, default 6. */
  codeLength?: number
  /** 1-60, default 5. */
  expiresInMinutes?: number
}

/** What `run` gets beside the input. */
export interface OperationContext {
  client: SmsClient
  /** The client address (per-IP OTP limits). */
  ip: string
  /** Only for reads: a send is never cancelled mid-flight, its fate would be unknown. */
  signal: AbortSignal | undefined
  guard: OtpGuard
  otp: OtpMessageOptions
  /** The delivery queue of `batches.*`; those rows exist only when the service has one. */
  queue: SmsQueue | undefined
}

/** One row of the table. */
export interface SmsOperation<N extends OperationName = OperationName> {
  name: N
  method: HttpMethod
  /** Express/Hono/Fastify path syntax, relative to the mount prefix. */
  path: string
  /** The JSON body (declared `application/json`, capped) or the query string. */
  inputFrom: InputSource
  summary: string
  input: OperationSchemas[N]
  /** The call costs credits on the gateway account (OpenAPI: `x-spends-credits`). */
  spendsCredits: boolean
  /** Refused unless the service's `authorize` hook says yes (spends credits or reads account data). */
  needsAuthorize: boolean
  /** Protected by the OTP guard instead of `authorize`. */
  otpGuarded: boolean
  /** 202 when the work is queued, not done. */
  successStatus: 200 | 201 | 202
  /** A `Location` for the answer, relative to the request's own path (`batches/abc`). */
  location?: (result: OperationOutputs[N]) => string
  run(input: OperationInput<N>, context: OperationContext): Promise<OperationOutputs[N]>
}

/** Any row of the table, as adapters iterate over it. */
export type AnySmsOperation = { [N in OperationName]: SmsOperation<N> }[OperationName]

/**
 * Builds the table.
 *
 * @example
 * ```ts
 * for (const op of createOperations({ maxBulkRecipients: 1000, withQueue: true })) console.log(op.method, op.path)
 * ```
 */
export function createOperations(
  limits: SchemaLimits & { withQueue?: boolean },
): AnySmsOperation[] {
  const schemas = createSchemas(limits)
  const op = <N extends OperationName>(
    name: N,
    row: Omit<SmsOperation<N>, 'name' | 'input' | 'otpGuarded'> & { otpGuarded?: boolean },
  ): SmsOperation<N> => ({ name, input: schemas[name], otpGuarded: false, ...row })
  const paid = { spendsCredits: true, needsAuthorize: true } as const
  // Reads and changes that cost nothing still expose account data: they need `authorize` too.
  const reads = { spendsCredits: false, needsAuthorize: true } as const

  return [
    op('messages.send', {
      ...paid,
      method: 'POST',
      inputFrom: 'body',
      path: '/messages',
      summary: 'Send one SMS',
      successStatus: 201,
      run: (input, { client }) => client.messages.send(input),
    }),
    op('messages.sendBulk', {
      ...paid,
      method: 'POST',
      inputFrom: 'body',
      path: '/messages/bulk',
      summary: 'Send one SMS to many recipients',
      successStatus: 201,
      run: (input, { client }) => client.messages.sendBulk(input),
    }),
    op('messages.status', {
      ...reads,
      method: 'GET',
      inputFrom: 'query',
      path: '/messages/:id',
      summary: 'Delivery status of a message',
      successStatus: 200,
      run: (input, { client, signal }) => client.messages.status(input.id, { signal }),
    }),
    op('account.credits', {
      ...reads,
      method: 'GET',
      inputFrom: 'query',
      path: '/credits',
      summary: 'Credit balance of the account',
      successStatus: 200,
      run: (_input, { client, signal }) => client.account.credits({ signal }),
    }),
    op('otp.send', {
      spendsCredits: true,
      needsAuthorize: false,
      otpGuarded: true,
      method: 'POST',
      inputFrom: 'body',
      path: '/otp/send',
      summary: 'Send a one-time code (rate-limited per number and per client address)',
      successStatus: 201,
      run: async (input, { client, guard, ip, otp }) => {
        await guard.beforeSend(input.to, ip)
        const result = await client.otp.send({ to: input.to, ...otp })
        await guard.afterSend(input.to)
        return { sent: true, to: result.to, expiresAt: result.expiresAt }
      },
    }),
    op('otp.verify', {
      spendsCredits: false,
      needsAuthorize: false,
      otpGuarded: true,
      method: 'POST',
      inputFrom: 'body',
      path: '/otp/verify',
      summary: 'Check a one-time code (attempts capped per issued code and per client address)',
      successStatus: 200,
      run: async (input, { client, guard, ip }) => {
        await guard.beforeVerify(input.to, ip)
        const result = await client.otp
          .verify({ to: input.to, code: input.code })
          .catch((error: unknown) => {
            // However the gateway words "no such code" (an error body, a 404), the answer must
            // be the one a wrong code gets (not a 404), or it tells whether the number ever got a
            // code.
            // Token, network and timeout faults still surface as 502/504.
            if (isIprogError(error) && (error.code === 'api_error' || error.code === 'not_found')) {
              throw new IprogOtpInvalidError({ cause: error })
            }
            throw error
          })
        await guard.afterVerify(input.to, result.verified)
        if (!result.verified) throw new IprogOtpInvalidError()
        return { verified: true }
      },
    }),
    op('reminders.create', {
      ...paid,
      method: 'POST',
      inputFrom: 'body',
      path: '/reminders',
      summary: 'Schedule an SMS',
      successStatus: 201,
      run: (input, { client }) => client.reminders.create(input),
    }),
    op('reminders.get', {
      ...reads,
      method: 'GET',
      inputFrom: 'query',
      path: '/reminders/:id',
      summary: 'A scheduled SMS',
      successStatus: 200,
      run: (input, { client, signal }) => client.reminders.get(input.id, { signal }),
    }),
    op('reminders.update', {
      ...reads,
      method: 'PATCH',
      inputFrom: 'body',
      path: '/reminders/:id',
      summary: 'Change a scheduled SMS',
      successStatus: 200,
      run: ({ id, ...patch }, { client }) => client.reminders.update(id, patch),
    }),
    op('reminders.delete', {
      ...reads,
      method: 'DELETE',
      inputFrom: 'query',
      path: '/reminders/:id',
      summary: 'Cancel a scheduled SMS',
      successStatus: 200,
      run: (input, { client }) => client.reminders.delete(input.id),
    }),
    ...(limits.withQueue ? batchOperations(op, paid, reads) : []),
    op('segments', {
      spendsCredits: false,
      needsAuthorize: false,
      method: 'POST',
      inputFrom: 'body',
      path: '/segments',
      summary: 'Encoding and parts of a text (no gateway call)',
      successStatus: 200,
      run: async (input) =>
        analyzeMessage(input.text, { smartEncoding: input.smartEncoding ?? false }),
    }),
  ]
}

type RowMaker = <N extends OperationName>(
  name: N,
  row: Omit<SmsOperation<N>, 'name' | 'input' | 'otpGuarded'> & { otpGuarded?: boolean },
) => SmsOperation<N>
type Access = { spendsCredits: boolean; needsAuthorize: boolean }

function queueOf(context: OperationContext): SmsQueue {
  if (context.queue === undefined) {
    throw new IprogError('invalid_option', 'The batches routes need a queue')
  }
  return context.queue
}

// POST /batches answers 202 at once with where to follow the batch; GET /batches/:id is its progress.
function batchOperations(op: RowMaker, paid: Access, reads: Access): AnySmsOperation[] {
  return [
    op('batches.create', {
      ...paid,
      method: 'POST',
      inputFrom: 'body',
      path: '/batches',
      summary: 'Queue one SMS to many recipients; follow it at Location',
      successStatus: 202,
      location: (result) => `batches/${encodeURIComponent(result.batchId)}`,
      run: (input, context) => queueOf(context).enqueueBulk(input),
    }),
    op('batches.get', {
      ...reads,
      method: 'GET',
      inputFrom: 'query',
      path: '/batches/:id',
      summary: 'Progress of a queued batch',
      successStatus: 200,
      run: async (input, context) => {
        const progress = await queueOf(context).batch(input.id)
        if (progress === undefined) throw new IprogError('not_found', 'No batch with that id')
        return progress
      },
    }),
  ]
}

/**
 * The `Location` header of an operation's answer, when it has one (relative to the request path).
 *
 * @example
 * ```ts
 * const location = resultLocation(operation, result) // 'batches/promo-7' after POST /batches
 * if (location) res.location(location)
 * ```
 */
export function resultLocation(operation: AnySmsOperation, result: unknown): string | undefined {
  return (operation.location as ((value: unknown) => string) | undefined)?.(result)
}

/** The parts of a REST request an operation input is built from. */
export interface RestInputParts {
  params?: Record<string, unknown>
  query?: Record<string, unknown>
  body?: unknown
}

/**
 * One input object from a REST request: the body or the query (the row's `inputFrom`), with
 * path parameters on top. A body that is not a JSON object is passed on untouched so validation
 * reports it.
 *
 * @example
 * ```ts
 * buildInput(op, { params: req.params, query: req.query, body: req.body })
 * ```
 */
export function buildInput(operation: { inputFrom: InputSource }, parts: RestInputParts): unknown {
  const source = operation.inputFrom === 'body' ? parts.body : parts.query
  const params = parts.params
  const hasParams = params !== undefined && Object.keys(params).length > 0
  if (source === undefined || source === null) return hasParams ? { ...params } : {}
  if (typeof source !== 'object' || Array.isArray(source)) return source
  return hasParams ? { ...source, ...params } : source
}
