/**
 * Abuse limits for the public OTP routes. The gateway may not cap verify attempts, and 6 digits
 * valid for 5 minutes fall to brute force without a cap; attempt caps alone are bypassed by
 * requesting new codes, so sends are limited too (per phone and per client address).
 *
 * Attempts are counted per issued code: a successful send starts a fresh budget (the previous
 * code is superseded), a successful verify clears it. An attacker cannot reset the budget
 * cheaply, because every new code costs a send under the cooldown and the hourly and daily caps:
 * with the defaults that is at most 5 codes x 5 attempts = 25 guesses an hour and 10 x 5 = 50 a
 * day per number, out of 10^6 (one chance in 20 000 a day). One address may also verify at most
 * 100 times an hour, so it cannot spread its guesses over many numbers.
 * Every counter is taken before the gateway is called, so a refused request never reaches it;
 * refused sends still count against the client address (hammering only shortens its budget), and
 * a send the gateway then fails keeps its counts (no free retries against the limits).
 */
import { IprogOtpAttemptsExceededError, IprogRateLimitError } from './errors.js'
import type { CounterStore } from './stores/store.js'

/** OTP abuse limits; every field has a default. */
export interface OtpLimits {
  /** Seconds between two sends to one number. Default 60. */
  cooldownSeconds?: number
  /** Sends to one number per hour. Default 5. */
  maxSendsPerPhonePerHour?: number
  /** Sends to one number per 24 hours. Default 10. */
  maxSendsPerPhonePerDay?: number
  /** Sends from one client address per hour. Default 20. */
  maxSendsPerIpPerHour?: number
  /** Verify attempts per issued code; past it the code is dead. Default 5. */
  maxVerifyAttempts?: number
  /** Verify attempts from one client address per hour, on any numbers. Default 100. */
  maxVerifiesPerIpPerHour?: number
}

export const DEFAULT_OTP_LIMITS: Required<OtpLimits> = {
  cooldownSeconds: 60,
  maxSendsPerPhonePerHour: 5,
  maxSendsPerPhonePerDay: 10,
  maxSendsPerIpPerHour: 20,
  maxVerifyAttempts: 5,
  maxVerifiesPerIpPerHour: 100,
}

/** The limit checks the OTP operations run around their gateway calls. */
export interface OtpGuard {
  /** Counts a send for `phone` and `ip`; throws `IprogRateLimitError` when over a limit. */
  beforeSend(phone: string, ip: string): Promise<void>
  /** A code went out: its attempt budget starts fresh. */
  afterSend(phone: string): Promise<void>
  /**
   * Counts an attempt against the code's budget and, given `ip`, against the address's hourly
   * verify cap; throws `IprogRateLimitError` (address) or `IprogOtpAttemptsExceededError` (code).
   */
  beforeVerify(phone: string, ip?: string): Promise<void>
  /** The code was right: the budget is cleared. */
  afterVerify(phone: string, verified: boolean): Promise<void>
}

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
// Longer than the longest code life the gateway accepts (60 minutes), so a budget never lapses
// while its code is still valid.
const ATTEMPT_WINDOW_MS = 2 * HOUR_MS

/**
 * Builds the guard over a counter store.
 *
 * @example
 * ```ts
 * const guard = createOtpGuard({ store: createMemoryStore(), limits: { cooldownSeconds: 30 } })
 * await guard.beforeSend('639171234567', '203.0.113.7')
 * ```
 */
export function createOtpGuard(options: {
  store: CounterStore
  limits?: OtpLimits
  now?: () => number
}): OtpGuard {
  const { store } = options
  const limits = { ...DEFAULT_OTP_LIMITS, ...options.limits }
  const now = options.now ?? Date.now
  const key = {
    cooldown: (phone: string) => `iprog-sms:otp:cooldown:${phone}`,
    phoneHour: (phone: string) => `iprog-sms:otp:phone-hour:${phone}`,
    phoneDay: (phone: string) => `iprog-sms:otp:phone-day:${phone}`,
    ipVerifyHour: (ip: string) => `iprog-sms:otp:ip-verify-hour:${ip}`,
    ipHour: (ip: string) => `iprog-sms:otp:ip-hour:${ip}`,
    attempts: (phone: string) => `iprog-sms:otp:attempts:${phone}`,
  }
  const secondsUntil = (resetAt: number) => (resetAt - now()) / 1000

  async function nextSendInSeconds(phone: string): Promise<number> {
    const [cooldown, hour, day] = await Promise.all([
      store.get(key.cooldown(phone)),
      store.get(key.phoneHour(phone)),
      store.get(key.phoneDay(phone)),
    ])
    const waits = [cooldown ? secondsUntil(cooldown.resetAt) : 0]
    if (hour && hour.count >= limits.maxSendsPerPhonePerHour) waits.push(secondsUntil(hour.resetAt))
    if (day && day.count >= limits.maxSendsPerPhonePerDay) waits.push(secondsUntil(day.resetAt))
    return Math.max(1, ...waits)
  }

  return {
    async beforeSend(phone, ip) {
      const byIp = await store.increment(key.ipHour(ip), HOUR_MS)
      if (byIp.count > limits.maxSendsPerIpPerHour) {
        throw new IprogRateLimitError(
          'Too many codes requested from this address; try again later',
          secondsUntil(byIp.resetAt),
        )
      }
      if (limits.cooldownSeconds > 0) {
        const cooldown = await store.increment(key.cooldown(phone), limits.cooldownSeconds * 1000)
        if (cooldown.count > 1) {
          throw new IprogRateLimitError(
            'A code was sent to this number moments ago; wait before asking again',
            secondsUntil(cooldown.resetAt),
          )
        }
      }
      const byPhone = await store.increment(key.phoneHour(phone), HOUR_MS)
      if (byPhone.count > limits.maxSendsPerPhonePerHour) {
        throw new IprogRateLimitError(
          'Too many codes requested for this number; try again later',
          secondsUntil(byPhone.resetAt),
        )
      }
      const byPhoneDay = await store.increment(key.phoneDay(phone), DAY_MS)
      if (byPhoneDay.count > limits.maxSendsPerPhonePerDay) {
        throw new IprogRateLimitError(
          'Too many codes requested for this number today; try again tomorrow',
          secondsUntil(byPhoneDay.resetAt),
        )
      }
    },
    async afterSend(phone) {
      await store.delete(key.attempts(phone))
    },
    async beforeVerify(phone, ip) {
      if (ip !== undefined) {
        const byIp = await store.increment(key.ipVerifyHour(ip), HOUR_MS)
        if (byIp.count > limits.maxVerifiesPerIpPerHour) {
          throw new IprogRateLimitError(
            'Too many codes checked from this address; try again later',
            secondsUntil(byIp.resetAt),
          )
        }
      }
      const attempts = await store.increment(key.attempts(phone), ATTEMPT_WINDOW_MS)
      if (attempts.count > limits.maxVerifyAttempts) {
        throw new IprogOtpAttemptsExceededError(await nextSendInSeconds(phone))
      }
    },
    async afterVerify(phone, verified) {
      if (verified) await store.delete(key.attempts(phone))
    },
  }
}
