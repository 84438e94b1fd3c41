import {
  IprogAuthError,
  type IprogError,
  IprogNetworkError,
  IprogTimeoutError,
} from '../../errors.js'
import type { ClientHooks, RequestInfo } from '../types.js'
import { failureCodes, neverReachedGateway } from './fetch-failure.js'
import { type GatewayBody, readReply } from './gateway-reply.js'
import { redact } from './redact.js'
import {
  abortError,
  backoffDelay,
  type Failure,
  parseRetryAfter,
  shouldRetry,
  sleep,
} from './retry.js'

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'
export type Params = Record<string, string | number | undefined>

export interface TransportConfig {
  /** Resolved at each call, so a missing token fails the call, not the import. */
  token: () => string
  baseUrl: string
  timeoutMs: number
  retries: number
  baseDelayMs: number
  maxDelayMs: number
  fetch: typeof fetch | undefined
  hooks: ClientHooks
  random: () => number
  now: () => number
}

export interface RequestOptions {
  signal?: AbortSignal | undefined
  /** Let a `"status": "error"` body through (OTP verify). */
  tolerateError?: boolean
}

export type Request = (
  method: Method,
  path: string,
  params: Params,
  options?: RequestOptions,
) => Promise<GatewayBody>

// Hooks observe; a throwing logger must never fail or alter a send, so their errors are dropped.
function emit<T>(hook: ((ctx: T) => void) | undefined, ctx: T): void {
  try {
    hook?.(ctx)
  } catch {}
}

const JSON_TYPE = 'application/json'

const MAYBE_DONE = '; the request may have been carried out, check before repeating it'

/** One call made ready to send, the same for every attempt. */
interface PreparedCall {
  method: Method
  url: string
  /** `url` with the token redacted (the only form hooks see), made when a hook first needs it. */
  shownUrl: string | undefined
  token: string
  /** A GET has no effect to deliver; anything else may have acted once it reached the gateway. */
  sideEffect: boolean
  /**
   * Cancels the attempt in flight (timeout, caller's abort). One serves every attempt of the call
   * until it is aborted, which happens only on those failure paths: a success never aborts, so a
   * call pays for one controller, not one per attempt.
   */
  controller: AbortController
  /** What `fetch` is given: method, headers, body and the controller's signal. */
  init: RequestInit
}

/** What the gateway sent back to one attempt, read whole. */
interface HttpReply {
  status: number
  text: string
  headers: Headers
}

/** An attempt that failed: the error to raise and how the retry policy sees it. */
interface FailedAttempt {
  ok: false
  error: IprogError
  failure: Failure
  retryAfterMs?: number | undefined
}

type Attempt = { ok: true; body: GatewayBody } | FailedAttempt

/**
 * The one place that talks HTTP: places parameters (JSON body for POST/PATCH so the token
 * stays out of logged URLs, query for GET/DELETE), applies the per-attempt timeout, retries by
 * the policy in `retry.ts`, reports to hooks with the URL redacted, and turns every failure
 * into an `IprogError` whose message, `cause` and fields hold no token.
 *
 * @example
 * ```ts
 * const request = createTransport(config)
 * const body = await request('GET', '/api/v1/account/sms_credits', {}, { signal })
 * ```
 */
export function createTransport(config: TransportConfig): Request {
  const { onRequest, onResponse, onRetry, onError } = config.hooks
  const observed = Boolean(onRequest || onResponse || onRetry || onError)
  return async (method, path, params, options = {}) => {
    const call = prepareCall(config, method, path, params)
    for (let attempt = 1; ; attempt++) {
      // Without hooks nobody reads it: neither it nor the redacted URL is made (a send's CPU is
      // mostly fetch's, and these were a tenth of the client's own share).
      const info: RequestInfo | undefined = observed
        ? { method, url: shownUrl(call), attempt }
        : undefined
      const started = config.now()
      const outcome = await attemptOnce(call, config, info, options)
      if (outcome.ok) return outcome.body
      let error = outcome.error
      if (
        error.code !== 'aborted' &&
        attempt <= config.retries &&
        shouldRetry(method, outcome.failure)
      ) {
        const delayMs = backoffDelay(attempt, config.random, config, outcome.retryAfterMs)
        if (info) emit(onRetry, { ...info, delayMs, error })
        try {
          await sleep(delayMs, options.signal)
          continue
        } catch {
          // Stopped between attempts: only the attempts already made may have been delivered.
          error = abortError(options.signal, undefined, error.maybeDelivered ?? false)
        }
      }
      if (info) emit(onError, { ...info, durationMs: config.now() - started, error })
      throw error
    }
  }
}

function prepareCall(
  config: TransportConfig,
  method: Method,
  path: string,
  params: Params,
): PreparedCall {
  const token = config.token()
  const fields: Record<string, string> = { api_token: token }
  // Own fields only: `for…in` would also send a key someone's code had put on Object.prototype.
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) fields[key] = String(value)
  }
  const inQuery = method === 'GET' || method === 'DELETE'
  const url = config.baseUrl + path + (inQuery ? `?${new URLSearchParams(fields)}` : '')
  // `redirect: 'manual'`: a redirect is an error (see `readReply`), never followed, so neither
  // the token's body (307/308) nor a look-alike success from another host (302) is possible.
  const controller = new AbortController()
  const init: RequestInit = inQuery
    ? { method, redirect: 'manual', headers: { accept: JSON_TYPE }, signal: controller.signal }
    : {
        method,
        redirect: 'manual',
        headers: { accept: JSON_TYPE, 'content-type': JSON_TYPE },
        body: JSON.stringify(fields),
        signal: controller.signal,
      }
  return {
    method,
    url,
    shownUrl: undefined,
    token,
    sideEffect: method !== 'GET',
    controller,
    init,
  }
}

function shownUrl(call: PreparedCall): string {
  call.shownUrl ??= redact(call.url, call.token)
  return call.shownUrl
}

/** One attempt, from the `onRequest` hook to the read reply. Never throws. */
async function attemptOnce(
  call: PreparedCall,
  config: TransportConfig,
  info: RequestInfo | undefined,
  { signal, tolerateError }: RequestOptions,
): Promise<Attempt> {
  if (signal?.aborted) {
    // Stopped before this attempt left: nothing of it reached the gateway.
    return { ok: false, error: abortError(signal, undefined, false), failure: { kind: 'network' } }
  }
  const started = config.now()
  const { onRequest, onResponse } = config.hooks
  if (info) emit(onRequest, info)
  const fetched = await fetchOnce(call, config, signal)
  if (!fetched.ok) return fetched
  const { status, text, headers } = fetched.reply
  if (info && onResponse) emit(onResponse, { ...info, status, durationMs: config.now() - started })
  const reply = readReply(status, text, call.token, { tolerateError, sideEffect: call.sideEffect })
  if (reply.ok) return reply
  return {
    ok: false,
    error: reply.error,
    failure: reply.error instanceof IprogAuthError ? { kind: 'refused' } : { kind: 'http', status },
    retryAfterMs: parseRetryAfter(headers.get('retry-after'), config.now()),
  }
}

/**
 * Sends one attempt and reads its body under the timeout (a gateway that stalls mid-body is still
 * a timeout). A failed fetch becomes a `FailedAttempt` by `classify`.
 */
async function fetchOnce(
  call: PreparedCall,
  config: TransportConfig,
  signal: AbortSignal | undefined,
): Promise<{ ok: true; reply: HttpReply } | FailedAttempt> {
  if (call.controller.signal.aborted) {
    // The last attempt was cancelled: the next one needs a signal that is not.
    call.controller = new AbortController()
    call.init = { ...call.init, signal: call.controller.signal }
  }
  const controller = call.controller
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, config.timeoutMs)
  const onAbort = () => controller.abort()
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    const doFetch = config.fetch ?? globalThis.fetch
    const response = await doFetch(call.url, call.init)
    const text = await response.text()
    return { ok: true, reply: { status: response.status, text, headers: response.headers } }
  } catch (cause) {
    return classify(cause, call, config, signal, timedOut)
  } finally {
    clearTimeout(timer)
    signal?.removeEventListener('abort', onAbort)
  }
}

/** Names the way a fetch failed: the caller's abort, our timeout, or a network fault. */
function classify(
  cause: unknown,
  call: PreparedCall,
  config: TransportConfig,
  signal: AbortSignal | undefined,
  timedOut: boolean,
): FailedAttempt {
  if (signal?.aborted) {
    // Stopped in flight: the request may already have reached the gateway.
    const error = abortError(signal, undefined, call.sideEffect)
    return { ok: false, error, failure: { kind: 'network' } }
  }
  if (timedOut) {
    const error = new IprogTimeoutError(
      `The IPROG gateway did not answer within ${config.timeoutMs} ms${call.sideEffect ? MAYBE_DONE : ''}`,
      config.timeoutMs,
      call.sideEffect,
    )
    return { ok: false, error, failure: { kind: 'timeout' } }
  }
  const codes = failureCodes(cause)
  const unreached = neverReachedGateway(codes)
  const code = codes.at(-1)
  const maybeDelivered = call.sideEffect && !unreached
  const error = new IprogNetworkError(
    `The connection to the IPROG gateway failed${code ? ` (${code})` : ''}${maybeDelivered ? MAYBE_DONE : ''}`,
    maybeDelivered,
    { cause: sanitize(cause, code, call.token) },
  )
  return { ok: false, error, failure: unreached ? { kind: 'unreached' } : { kind: 'network' } }
}

// The original error may hold the request (and with a GET, the token in its URL): keep only a
// redacted message and the system code.
function sanitize(cause: unknown, code: string | undefined, token: string): Error {
  let source = cause
  while (source instanceof Error && source.cause instanceof Error) source = source.cause
  const message = source instanceof Error ? source.message : String(source)
  const clean = new Error(redact(message, token))
  return code ? Object.assign(clean, { code }) : clean
}
