import {
  type IprogAbortError,
  IprogApiError,
  IprogAuthError,
  type IprogError,
  IprogNetworkError,
  IprogTimeoutError,
} from '../../errors.js'
import type { ClientHooks, RequestInfo } from '../types.js'
import { failureCodes, neverReachedGateway } from './fetch-failure.js'
import { type GatewayBody, readAnswer } from './gateway-answer.js'
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
  const { hooks, now, timeoutMs } = config
  return async (method, path, params, { signal, tolerateError } = {}) => {
    const token = config.token()
    const fields: Record<string, string> = { api_token: token }
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined) fields[key] = String(value)
    }
    const inQuery = method === 'GET' || method === 'DELETE'
    const url = config.baseUrl + path + (inQuery ? `?${new URLSearchParams(fields)}` : '')
    const headers: Record<string, string> = inQuery
      ? { accept: JSON_TYPE }
      : { accept: JSON_TYPE, 'content-type': JSON_TYPE }
    const body = inQuery ? undefined : JSON.stringify(fields)
    const shownUrl = redact(url, token)
    // A GET has no effect to deliver; anything else may have acted once it reached the gateway.
    const sideEffect = method !== 'GET'

    for (let attempt = 1; ; attempt++) {
      const info: RequestInfo = { method, url: shownUrl, attempt }
      const started = now()
      let error: IprogError
      let failure: Failure = 'network'
      let retryAfterMs: number | undefined
      const controller = new AbortController()
      const stop = () => controller.abort()
      const timer = setTimeout(stop, timeoutMs)
      // Removed when the attempt ends: `controller` is aborted then, whatever happened.
      signal?.addEventListener('abort', stop, { signal: controller.signal })
      try {
        if (signal?.aborted) throw signal.reason
        emit(hooks.onRequest, info)
        const response = await (config.fetch ?? globalThis.fetch)(url, {
          method,
          headers,
          body,
          signal: controller.signal,
        })
        // The timeout covers the body too: a gateway that stalls mid-body is still a timeout.
        const text = await response.text()
        const status = response.status
        emit(hooks.onResponse, { ...info, status, durationMs: now() - started })
        const read = readAnswer(status, text, token, tolerateError)
        if (!(read instanceof IprogApiError)) return read
        error = read
        failure = error instanceof IprogAuthError ? 'refused' : status
        retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now())
      } catch (cause) {
        if (signal?.aborted) error = abortError(signal)
        // Not the caller's signal, so the timer aborted the attempt.
        else if (controller.signal.aborted) {
          error = new IprogTimeoutError(
            `The IPROG gateway did not answer within ${timeoutMs} ms${sideEffect ? MAYBE_DONE : ''}`,
            timeoutMs,
            sideEffect,
          )
          failure = 'timeout'
        } else {
          const codes = failureCodes(cause)
          const unreached = neverReachedGateway(codes)
          const code = codes.at(-1)
          const maybeDelivered = sideEffect && !unreached
          error = new IprogNetworkError(
            `The connection to the IPROG gateway failed${code ? ` (${code})` : ''}${maybeDelivered ? MAYBE_DONE : ''}`,
            maybeDelivered,
            { cause: sanitize(cause, code, token) },
          )
          if (unreached) failure = 'unreached'
        }
      } finally {
        clearTimeout(timer)
        controller.abort()
      }
      if (error.code !== 'aborted' && attempt <= config.retries && shouldRetry(method, failure)) {
        const delayMs = backoffDelay(attempt, config.random, config, retryAfterMs)
        emit(hooks.onRetry, { ...info, delayMs, error })
        try {
          await sleep(delayMs, signal)
          continue
        } catch (aborted) {
          error = aborted as IprogAbortError
        }
      }
      emit(hooks.onError, { ...info, durationMs: now() - started, error })
      throw error
    }
  }
}

// The original error may hold the request (and with a GET, the token in its URL): keep only a
// redacted message and the system code.
function sanitize(cause: unknown, code: string | undefined, token: string): Error {
  let source = cause
  while ((source as { cause?: unknown } | null)?.cause instanceof Error) {
    source = (source as { cause: Error }).cause
  }
  const message = source instanceof Error ? source.message : String(source)
  return Object.assign(new Error(redact(message, token)), code ? { code } : {})
}
