/**
 * What a queue does after a send failed: the one rule of "exactly once, or honestly unknown",
 * shared by every engine.
 */
import { invalid } from '../client/input-issues.js'
import { isIprogError } from '../errors.js'

/**
 * - `retry`: certainly not sent, and trying again may work (a refused connection, a gateway
 *   refusal that may pass later): queued again after a backoff, up to the attempt limit.
 * - `failed`: certainly not sent, and trying again will not help (bad input, bad token or no
 *   balance, a 4xx refusal).
 * - `unknown`: may have been sent. Never resent automatically.
 */
export type SendVerdict = 'retry' | 'failed' | 'unknown'

/** A send failure as data: an `IprogError`, or a `sendBulk` rejection's `error`. */
export interface SendFailure {
  code?: string
  message?: string
  maybeDelivered?: boolean
  bodyStatus?: number | string
}

const NEVER_HELPS = new Set(['validation_error', 'auth_error', 'missing_token'])

/**
 * Judges one failed send. Anything that does not say `maybeDelivered: false` counts as maybe
 * delivered: a missing flag is never read as "not sent".
 *
 * @example
 * ```ts
 * judgeFailure({ code: 'network_error', maybeDelivered: false }) // 'retry'
 * judgeFailure({ code: 'timeout_error', maybeDelivered: true }) // 'unknown'
 * ```
 */
export function judgeFailure(failure: SendFailure): SendVerdict {
  // Refused locally before any request: nothing left the process.
  if (failure.code === 'validation_error' || failure.code === 'missing_token') return 'failed'
  if (failure.maybeDelivered !== false) return 'unknown'
  if (NEVER_HELPS.has(failure.code ?? '')) return 'failed'
  const status = Number(failure.bodyStatus)
  return status >= 400 && status < 500 ? 'failed' : 'retry'
}

/**
 * Judges a thrown error; something that is not an `IprogError` (a bug between the queue and
 * the gateway) cannot tell whether the SMS left, so it is `unknown`.
 *
 * @example
 * ```ts
 * judgeError(new IprogNetworkError('refused', false)) // 'retry'
 * ```
 */
export function judgeError(error: unknown): SendVerdict {
  return isIprogError(error) ? judgeFailure(error as SendFailure) : 'unknown'
}

/**
 * The `{ code, message }` an outcome keeps of an error (plain data, no stack, no cause).
 *
 * @example
 * ```ts
 * errorInfo(new IprogTimeoutError('slow', 10_000, true)) // { code: 'timeout_error', message: 'slow' }
 * ```
 */
export function errorInfo(error: unknown): { code: string; message: string } {
  const failure = error as SendFailure | null
  const code = typeof failure?.code === 'string' ? failure.code : 'unknown_error'
  const message =
    typeof failure?.message === 'string' ? failure.message : String(error ?? 'Unknown error')
  return { code, message }
}

export interface RetryPolicy {
  /** Gateway calls per recipient, the first included, for failures judged `retry`. Default 5. */
  attempts?: number
  /** Backoff before the second call, doubled for each next one. Default 1000 ms. */
  baseDelayMs?: number
  /** Largest backoff. Default 60 000 ms. */
  maxDelayMs?: number
}

export type ResolvedRetryPolicy = Required<RetryPolicy>

/**
 * Fills and checks a retry policy.
 *
 * @example
 * ```ts
 * resolveRetryPolicy({ attempts: 3 }) // { attempts: 3, baseDelayMs: 1000, maxDelayMs: 60000 }
 * ```
 */
export function resolveRetryPolicy(policy: RetryPolicy = {}): ResolvedRetryPolicy {
  const resolved = {
    attempts: policy.attempts ?? 5,
    baseDelayMs: policy.baseDelayMs ?? 1000,
    maxDelayMs: policy.maxDelayMs ?? 60_000,
  }
  if (!(Number.isInteger(resolved.attempts) && resolved.attempts >= 1)) {
    throw invalid('retry.attempts', 'retry.attempts must be an integer >= 1')
  }
  if (!(resolved.baseDelayMs >= 0 && resolved.maxDelayMs >= 0)) {
    throw invalid('retry', 'retry.baseDelayMs and retry.maxDelayMs must be >= 0')
  }
  return resolved
}

/**
 * Backoff before the next call after `attempts` calls: doubling, capped, with jitter in its
 * upper half so retries of one failed chunk do not come back in step.
 *
 * @example
 * ```ts
 * retryDelay(2, resolveRetryPolicy(), Math.random) // between 1000 and 2000
 * ```
 */
export function retryDelay(
  attempts: number,
  policy: ResolvedRetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}
