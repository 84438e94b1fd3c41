/**
 * `iprogPhoneNumber`: the options of better-auth's phone-number plugin, filled in so that codes go
 * through IPROG behind core's OTP guard. Every send and every verify passes the guard first
 * (cooldown, per-number hourly and daily caps, per-address caps, attempts per code), with the
 * same counter keys as the SMS routes: a number limited on one path is limited on the other.
 */
import { isIprogError } from '@iprog-sms/core'
import { createOtpGuard } from '@iprog-sms/core/server'
import type { PhoneNumberOptions } from 'better-auth/plugins/phone-number'
import { isServerFault, toApiError } from './api-error.js'
import { createClientAddress } from './client-address.js'
import { type CodePurpose, type EndpointContext, purposeOf } from './context.js'
import { createGatewayMode } from './modes/gateway-mode.js'
import { createMessageMode } from './modes/message-mode.js'
import type { OtpMode, PhoneRef } from './modes/mode.js'
import { type IprogPhoneNumberOptions, resolveOptions } from './options.js'
import { checkPhoneNumber, iprogPhoneNumberValidator } from './phone-form.js'

/**
 * Options for `phoneNumber()` from `better-auth/plugins`, sending codes through IPROG.
 *
 * @example
 * ```ts
 * export const auth = betterAuth({
 *   plugins: [phoneNumber(iprogPhoneNumber({ client, store }))],
 * })
 * ```
 */
export function iprogPhoneNumber(options: IprogPhoneNumberOptions): PhoneNumberOptions {
  const resolved = resolveOptions(options)
  const { store, limits, phoneNumberForm } = resolved
  const guard = createOtpGuard({ store, limits })
  const addressOf = createClientAddress(options)
  const codeLifeMs = resolved.expiresInMinutes * 60_000
  const mode: OtpMode =
    resolved.mode === 'gateway'
      ? createGatewayMode({ ...resolved, client: resolved.client })
      : createMessageMode({ ...resolved, codeLifeMs })

  const phoneRef = (raw: string): PhoneRef => ({
    raw,
    normalized: checkPhoneNumber(raw, phoneNumberForm),
  })

  function fail(error: unknown, what: string, ctx: EndpointContext | undefined): never {
    if (isServerFault(error)) {
      ctx?.context.logger.error(
        `@iprog-sms/better-auth: ${what} failed`,
        isIprogError(error) ? error.toJSON() : error,
      )
    }
    throw toApiError(error)
  }

  async function send(
    purpose: CodePurpose,
    phoneNumber: string,
    code: string,
    ctx: EndpointContext | undefined,
  ): Promise<void> {
    const phone = phoneRef(phoneNumber)
    await guard.beforeSend(phone.normalized, addressOf(ctx))
    await mode.deliver(purpose, phone, code, ctx)
    await guard.afterSend(phone.normalized)
  }

  return {
    ...resolved.passThrough,
    otpLength: resolved.codeLength,
    expiresIn: resolved.expiresInMinutes * 60,
    // Unused while verifyOTP is set; kept equal to the guard's cap in case better-auth checks.
    allowedAttempts: limits.maxVerifyAttempts,
    phoneNumberValidator: iprogPhoneNumberValidator(phoneNumberForm),

    async sendOTP({ phoneNumber, code }, ctx) {
      try {
        await send('verify', phoneNumber, code, ctx)
      } catch (error) {
        fail(error, 'sending a code', ctx)
      }
    },

    async sendPasswordResetOTP({ phoneNumber, code }, ctx) {
      try {
        await send('reset', phoneNumber, code, ctx)
      } catch (error) {
        // better-auth calls this only for registered numbers and answers `{ status: true }` for
        // every number so as not to tell which are registered; a 429 here would tell it. A limited
        // reset request therefore gets the same answer, and no SMS.
        if (isIprogError(error) && !isServerFault(error)) {
          ctx?.context.logger.info(
            `@iprog-sms/better-auth: password reset code refused: ${error.message}`,
          )
          return
        }
        fail(error, 'sending a password reset code', ctx)
      }
    },

    async verifyOTP({ phoneNumber, code }, ctx) {
      try {
        const phone = phoneRef(phoneNumber)
        await guard.beforeVerify(phone.normalized, addressOf(ctx))
        const verified = await mode.check(purposeOf(ctx), phone, code, ctx)
        await guard.afterVerify(phone.normalized, verified)
        return verified
      } catch (error) {
        fail(error, 'checking a code', ctx)
      }
    },
  }
}
