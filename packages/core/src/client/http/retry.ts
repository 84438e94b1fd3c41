import { IprogAbortError } from '../../errors.js'

/** How one attempt failed, as far as the retry policy cares. */
export type Failure =
  /** Connection refused, DNS failure: the request certainly never left. */
  | { kind: 'unreached' }
  /** Reset or closed mid-way: the request may have reached the gateway. */
  | { kind: 'network' }
  | { kind: 'timeout' }
  /** An error reply (HTTP 4xx/5xx, error body) that is not an auth refusal. */
  | { kind: 'http'; status: number }
  /** The gateway refused the token or balance: asking again cannot help. */
  | { kind: 'refused' }

export interface BackoffOptions {
  baseDelayMs: number
  maxDelayMs: number
}

/**
 * Whether a failed attempt may be tried again. A send is not idempotent: anything but a GET is
 * retried only when the request certainly never reached the gateway.
 *
 * @example
 * ```ts
 * shouldRetry('POST', { kind: 'timeout' }) // false: the SMS may have gone out
 * shouldRetry('GET', { kind: 'http', status: 503 }) // true
 * ```
 */
export function shouldRetry(method: string, failure: Failure): boolean {
  if (failure.kind === 'unreached') return true
  if (method !== 'GET') return false
  if (failure.kind === 'http') return failure.status === 429 || failure.status >= 500
  return failure.kind === 'network' || failure.kind === 'timeout'
}

/**
 * Delay before retry number `attempt` (1-based): exponential backoff with full jitter
 * (a uniform pick in `[0, min(maxDelayMs, baseDelayMs * 2^(attempt-1)))`), or the server's
 * `Retry-After` when it gave one, capped at `maxDelayMs`.
 *
 * @example
 * ```ts
 * backoffDelay(2, Math.random, { baseDelayMs: 300, maxDelayMs: 10_000 }) // 0..599
 * ```
 */
export function backoffDelay(
  attempt: number,
  random: () => number,
  options: BackoffOptions,
  retryAfterMs?: number,
): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(0, retryAfterMs), options.maxDelayMs)
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1))
  return Math.floor(random() * ceiling)
}

/**
 * Reads a `Retry-After` header (delay in seconds, or an HTTP date) as milliseconds from `now`.
 *
 * @example
 * ```ts
 * parseRetryAfter('3', Date.now()) // 3000
 * ```
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined
  const text = value.trim()
  // At most 15 digits (30 million years): hundreds would overflow to Infinity ms. A longer run
  // is no usable delay (Date.parse gives NaN for it).
  if (/^\d{1,15}$/.test(text)) return Number(text) * 1000
  const at = Date.parse(text)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

/**
 * The error for a call stopped by the caller's signal; `cause` is the signal's reason.
 *
 * @example
 * ```ts
 * if (signal?.aborted) throw abortError(signal)
 * ```
 */
export function abortError(
  signal: AbortSignal | undefined,
  message?: string,
  maybeDelivered?: boolean,
): IprogAbortError {
  return new IprogAbortError(message, { cause: signal?.reason, maybeDelivered })
}

/**
 * Waits `ms`, or rejects with `IprogAbortError` (cause: the signal's reason) as soon as
 * `signal` fires.
 *
 * @example
 * ```ts
 * await sleep(250, controller.signal)
 * ```
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer)
      reject(abortError(signal))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort)
      resolve()
    }, ms)
    if (signal?.aborted) abort()
    else signal?.addEventListener('abort', abort, { once: true })
  })
}
