import {
  IprogAbortError,
  IprogAuthError,
  type IprogError,
  IprogNetworkError,
  IprogTimeoutError,
} from './errors.js'
import { failureCodes, neverReachedGateway } from './fetch-failure.js'
import { type GatewayBody, readAnswer } from './gateway-answer.js'
import { redact } from './redact.js'
import { backoffDelay, type Failure, parseRetryAfter, shouldRetry, sleep } from './retry.js'
import type { ClientHooks, RequestInfo } from './types.js'

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

interface Attempt {
  error: IprogError
  failure: Failure
  retryAfterMs?: number | undefined
}

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
  return async (method, path, params, options = {}) => {
    const { signal, tolerateError } = options
    const token = config.token()
    const fields: Record<string, string> = { api_token: token }
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined) fields[key] = String(value)
    }
    const inQuery = method === 'GET' || method === 'DELETE'
    const url = config.baseUrl + path + (inQuery ? `?${new URLSearchParams(fields)}` : '')
    const init: RequestInit = {
      method,
      headers: inQuery
        ? { accept: 'application/json' }
        : { accept: 'application/json', 'content-type': 'application/json' },
      body: inQuery ? undefined : JSON.stringify(fields),
    }
    const shownUrl = redact(url, token)
    // A GET has no effect to deliver; anything else may have acted once it reached the gateway.
    const sideEffect = method !== 'GET'

    for (let attempt = 1; ; attempt++) {
      const info: RequestInfo = { method, url: shownUrl, attempt }
      const started = config.now()
      let outcome: Attempt
      try {
        if (signal?.aborted) throw abortedBy(signal)
        emit(config.hooks.onRequest, info)
        const answer = await fetchOnce(url, init, config, token, signal, sideEffect)
        emit(config.hooks.onResponse, {
          ...info,
          status: answer.status,
          durationMs: config.now() - started,
        })
        const read = readAnswer(answer.status, answer.text, token, tolerateError)
        if (read.ok) return read.body
        outcome = {
          error: read.error,
          failure:
            read.error instanceof IprogAuthError
              ? { kind: 'refused' }
              : { kind: 'http', status: answer.status },
          retryAfterMs: parseRetryAfter(answer.retryAfter, config.now()),
        }
      } catch (error) {
        outcome = error as Attempt
      }
      const { error, failure } = outcome
      if (error.code !== 'aborted' && attempt <= config.retries && shouldRetry(method, failure)) {
        const delayMs = backoffDelay(attempt, config.random, config, outcome.retryAfterMs)
        emit(config.hooks.onRetry, { ...info, delayMs, error })
        try {
          await sleep(delayMs, signal)
          continue
        } catch (aborted) {
          outcome.error = aborted as IprogAbortError
        }
      }
      emit(config.hooks.onError, {
        ...info,
        durationMs: config.now() - started,
        error: outcome.error,
      })
      throw outcome.error
    }
  }
}

interface RawAnswer {
  status: number
  text: string
  retryAfter: string | null
}

/** One attempt. Throws an `Attempt` (error + failure kind), never a raw fetch error. */
async function fetchOnce(
  url: string,
  init: RequestInit,
  config: TransportConfig,
  token: string,
  signal: AbortSignal | undefined,
  sideEffect: boolean,
): Promise<RawAnswer> {
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, config.timeoutMs)
  const onAbort = () => controller.abort()
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    const doFetch = config.fetch ?? globalThis.fetch
    const response = await doFetch(url, { ...init, signal: controller.signal })
    // The timeout covers the body too: a gateway that stalls mid-body is still a timeout.
    const text = await response.text()
    return { status: response.status, text, retryAfter: response.headers.get('retry-after') }
  } catch (cause) {
    throw classify(cause, config, token, signal, timedOut, sideEffect)
  } finally {
    clearTimeout(timer)
    signal?.removeEventListener('abort', onAbort)
  }
}

const MAYBE_DONE = '; the request may have been carried out, check before repeating it'

const abortedBy = (signal: AbortSignal): Attempt => ({
  error: new IprogAbortError(undefined, { cause: signal.reason }),
  failure: { kind: 'network' },
})

function classify(
  cause: unknown,
  config: TransportConfig,
  token: string,
  signal: AbortSignal | undefined,
  timedOut: boolean,
  sideEffect: boolean,
): Attempt {
  if (signal?.aborted) return abortedBy(signal)
  if (timedOut) {
    return {
      error: new IprogTimeoutError(
        `The IPROG gateway did not answer within ${config.timeoutMs} ms` +
          (sideEffect ? MAYBE_DONE : ''),
        config.timeoutMs,
        sideEffect,
      ),
      failure: { kind: 'timeout' },
    }
  }
  const unreached = neverReachedGateway(cause)
  const code = failureCodes(cause).at(-1)
  const maybeDelivered = sideEffect && !unreached
  return {
    error: new IprogNetworkError(
      `The connection to the IPROG gateway failed${code ? ` (${code})` : ''}` +
        (maybeDelivered ? MAYBE_DONE : ''),
      maybeDelivered,
      { cause: sanitize(cause, code, token) },
    ),
    failure: unreached ? { kind: 'unreached' } : { kind: 'network' },
  }
}

// The original error may hold the request (and with a GET, the token in its URL): keep only a
// redacted message and the system code.
function sanitize(cause: unknown, code: string | undefined, token: string): Error {
  const deepest = (value: unknown): unknown => {
    const inner = (value as { cause?: unknown } | null)?.cause
    return inner instanceof Error ? deepest(inner) : value
  }
  const source = deepest(cause)
  const message = source instanceof Error ? source.message : String(source)
  return Object.assign(new Error(redact(message, token)), code ? { code } : {})
}
