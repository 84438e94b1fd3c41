/**
 * Options of `iprogPhoneNumber`, and their checked, defaulted form.
 */
import { IprogValidationError, type SmsClient } from '@iprog-sms/core'
import {
  type CounterStore,
  createMemoryStore,
  DEFAULT_OTP_LIMITS,
  type OtpLimits,
  type TrustProxy,
} from '@iprog-sms/core/server'
import type { PhoneNumberOptions } from 'better-auth/plugins/phone-number'
import type { CodePurpose, EndpointContext } from './context.js'
import { type OtpText, prepareOtpText } from './otp-text.js'
import type { PhoneNumberForm } from './phone-form.js'

/** Who makes and checks the code: see the README for the trade-offs. */
export type OtpDeliveryMode = 'message' | 'gateway'

/** The phone-number plugin options this package fills in; every other one passes through. */
type FilledOptions =
  | 'sendOTP'
  | 'verifyOTP'
  | 'sendPasswordResetOTP'
  | 'phoneNumberValidator'
  | 'otpLength'
  | 'expiresIn'
  | 'allowedAttempts'

export interface IprogPhoneNumberOptions extends Omit<PhoneNumberOptions, FilledOptions> {
  /** A `createClient(...)` client (a sandbox client in development). */
  client: SmsClient
  /**
   * `'message'` (default): better-auth makes the code, it goes out as a plain SMS in `message`.
   * `'gateway'`: IPROG's OTP endpoints make, send and check the code.
   */
  mode?: OtpDeliveryMode
  /**
   * Counters of the OTP limits (default: a bounded in-memory store). Give the same store to the
   * SMS routes (`createSmsService`) and to every instance (Redis) so that one limit binds all.
   */
  store?: CounterStore
  /** The OTP limits, with core's defaults (the same as the SMS routes'). */
  limits?: OtpLimits
  /** Trust `X-Forwarded-For` for the per-address caps: `true` or a number of proxy hops. Default `false`. */
  trustProxy?: TrustProxy
  /** The client address for the per-address caps; overrides `trustProxy`. */
  getClientIp?: (ctx: EndpointContext | undefined) => string | undefined
  /** SMS text of a sign-in / verification code, with `:otp` where the code goes. */
  message?: string
  /** SMS text of a password-reset code, with `:otp`. */
  resetMessage?: string
  /** Digits per code, 4 to 10. Default 6. */
  codeLength?: number
  /** Minutes a code lives, 1 to 60. Default 5. */
  expiresInMinutes?: number
  /** Most SMS parts one code message may take (checked at setup). Default 1. */
  maxParts?: number
  /** Phone-number spellings accepted: `'e164'` (default, `+639…` only) or `'any'`. */
  phoneNumberForm?: PhoneNumberForm
}

export interface ResolvedOptions {
  client: SmsClient
  mode: OtpDeliveryMode
  store: CounterStore
  limits: Required<OtpLimits>
  codeLength: number
  expiresInMinutes: number
  phoneNumberForm: PhoneNumberForm
  texts: Record<CodePurpose, OtpText>
  passThrough: Omit<PhoneNumberOptions, FilledOptions>
}

function integerIn(value: number, min: number, max: number, name: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    const message = `${name} must be an integer from ${min} to ${max}`
    throw new IprogValidationError(message, [{ path: [name], message }])
  }
  return value
}

/**
 * Checks the options once, at setup: a bad option is an `IprogValidationError` when the auth
 * instance is built, never a failed sign-in later.
 *
 * @example
 * ```ts
 * resolveOptions({ client, mode: 'gateway', expiresInMinutes: 10 }).texts.verify.parts // 1
 * ```
 */
export function resolveOptions(options: IprogPhoneNumberOptions): ResolvedOptions {
  const {
    client,
    mode = 'message',
    store = createMemoryStore(),
    limits,
    trustProxy: _trustProxy,
    getClientIp: _getClientIp,
    message,
    resetMessage,
    codeLength = 6,
    expiresInMinutes = 5,
    maxParts = 1,
    phoneNumberForm = 'e164',
    ...passThrough
  } = options
  if (mode !== 'message' && mode !== 'gateway') {
    throw new IprogValidationError("mode must be 'message' or 'gateway'", [
      { path: ['mode'], message: "mode must be 'message' or 'gateway'" },
    ])
  }
  integerIn(codeLength, 4, 10, 'codeLength')
  integerIn(expiresInMinutes, 1, 60, 'expiresInMinutes')
  integerIn(maxParts, 1, 10, 'maxParts')
  const minutes = expiresInMinutes === 1 ? '1 minute' : `${expiresInMinutes} minutes`
  const text = (raw: string, option: string) =>
    prepareOtpText(raw, { codeLength, maxParts, option })
  return {
    client,
    mode,
    store,
    limits: { ...DEFAULT_OTP_LIMITS, ...limits },
    codeLength,
    expiresInMinutes,
    phoneNumberForm,
    texts: {
      verify: text(
        message ?? `Your sign-in code is :otp. It expires in ${minutes}. Never share it.`,
        'message',
      ),
      reset: text(
        resetMessage ??
          `Your password reset code is :otp. It expires in ${minutes}. If you did not ask for it, ignore this SMS.`,
        'resetMessage',
      ),
    },
    passThrough,
  }
}
