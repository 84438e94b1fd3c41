import { IprogError } from '../errors.js'
import { createAccount } from './account.js'
import type { ClientContext } from './client-context.js'
import { readEnv } from './env.js'
import { createTransport, type TransportConfig } from './http/transport.js'
import { invalid } from './input-issues.js'
import { createMessages } from './messages.js'
import { createOtp } from './otp.js'
import { createReminders } from './reminders.js'
import type { ClientOptions, SmsClient } from './types.js'

const DEFAULT_BASE_URL = 'https://www.iprogsms.com'

// Timers take at most 2^31 - 1 ms: a longer delay fires after 1 ms instead.
const MAX_TIMER_MS = 2 ** 31 - 1

// A numeric option: its default when absent, else a finite number of at least `min`.
function option(value: unknown, fallback: number, min: number, name: string): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw invalid(name, `${name} must be a number of at least ${min}`)
  }
  return value
}

// A delay in ms for a timer: as `option`, and no longer than a timer can wait.
function delayOption(value: unknown, fallback: number, min: number, name: string): number {
  const ms = option(value, fallback, min, name)
  if (ms > MAX_TIMER_MS) {
    throw invalid(name, `${name} must be at most ${MAX_TIMER_MS} ms (about 24.8 days)`)
  }
  return ms
}

/**
 * Creates a client for the IPROG SMS gateway. Nothing is read or sent until the first call:
 * the token is resolved then (`apiToken`, else `IPROG_SMS_API_TOKEN` where `process` exists),
 * and a missing one fails that call with an `IprogError` of code `missing_token` (after the
 * input was checked). Options are checked here and a bad one throws `IprogValidationError`.
 *
 * Every method validates its input first (phone numbers normalised to `639XXXXXXXXX`, empty or
 * too-long messages refused) and sends nothing when it is wrong; takes an optional
 * `{ signal }`; and turns every failure into an `IprogError` subclass that never holds the
 * token. GETs are retried with backoff; a send is retried only when it certainly never left.
 *
 * @example
 * ```ts
 * import { createClient } from '@iprog-sms/core'
 *
 * const sms = createClient({ apiToken: process.env.IPROG_SMS_API_TOKEN })
 * const sent = await sms.messages.send({ to: '0917 123 4567', message: 'Salamat po!' })
 * console.log(sent.messageId, sent.smsRate, sent.estimate.segmentCount)
 * ```
 */
export function createClient(options: ClientOptions = {}): SmsClient {
  const baseUrl = (options.baseUrl ?? readEnv('IPROG_SMS_BASE_URL') ?? DEFAULT_BASE_URL).replace(
    /\/+$/,
    '',
  )
  if (!/^https?:\/\/[^/?#]+/i.test(baseUrl)) {
    throw invalid('baseUrl', 'baseUrl must be an http(s) URL')
  }
  const retry = options.retry === false ? { retries: 0 } : (options.retry ?? {})
  const smart = options.smartEncoding
  const transport: TransportConfig = {
    token: () => {
      const token = options.apiToken?.trim() || readEnv('IPROG_SMS_API_TOKEN')
      if (!token) {
        throw new IprogError(
          'missing_token',
          'No IPROG API token: pass createClient({ apiToken }) or set IPROG_SMS_API_TOKEN',
          { maybeDelivered: false },
        )
      }
      return token
    },
    baseUrl,
    timeoutMs: delayOption(options.timeoutMs, 10_000, 1, 'timeoutMs'),
    retries: Math.floor(option(retry.retries, 2, 0, 'retry.retries')),
    baseDelayMs: option(retry.baseDelayMs, 300, 0, 'retry.baseDelayMs'),
    maxDelayMs: delayOption(retry.maxDelayMs, 10_000, 0, 'retry.maxDelayMs'),
    fetch: options.fetch,
    hooks: options.hooks ?? {},
    random: Math.random,
    now: options.now ?? Date.now,
  }
  const ctx: ClientContext = {
    ...transport,
    request: createTransport(transport),
    text: {
      maxSegments: option(options.maxSegments, 10, 1, 'maxSegments'),
      smartEncoding: smart ? (smart === true ? {} : smart) : false,
    },
    smsProvider: options.smsProvider,
    senderName: options.senderName,
    bulkChunkSize: Math.floor(option(options.bulkChunkSize, 500, 1, 'bulkChunkSize')),
    bulkConcurrency: Math.floor(option(options.bulkConcurrency, 4, 1, 'bulkConcurrency')),
  }
  return {
    messages: createMessages(ctx),
    account: createAccount(ctx),
    otp: createOtp(ctx),
    reminders: createReminders(ctx),
  }
}
