/**
 * Gateway mode: IPROG's OTP endpoints make, send and check the code (`otp.send`, `otp.verify`);
 * the code better-auth made is never sent.
 *
 * The gateway keeps one code per number, whatever it was for. A marker per purpose records which
 * one is live, so the reset path only accepts a code that was sent for a reset (better-auth
 * >= 1.7.8 calls `verifyOTP` from `/phone-number/reset-password`: without the marker, a sign-in
 * code would also reset the password), and a code verifies at most once even if the gateway would
 * accept it again.
 */
import { isIprogError, type SmsClient } from '@iprog-sms/core'
import type { CounterStore } from '@iprog-sms/core/server'
import type { CodePurpose } from '../context.js'
import type { OtpText } from '../otp-text.js'
import { KEY_PREFIX, type OtpMode, type PhoneRef } from './mode.js'

const PURPOSES: readonly CodePurpose[] = ['verify', 'reset']

// A malformed code, and however the gateway words "no such code" (an error body, a 404): a wrong
// code, never a 404 that would tell whether the number ever got one.
const WRONG_CODE_ANSWERS: ReadonlySet<string> = new Set([
  'api_error',
  'not_found',
  'validation_error',
])

/**
 * @example
 * ```ts
 * const mode = createGatewayMode({ client, store, texts, codeLength: 6, expiresInMinutes: 5 })
 * ```
 */
export function createGatewayMode(options: {
  client: SmsClient
  store: CounterStore
  texts: Record<CodePurpose, OtpText>
  codeLength: number
  expiresInMinutes: number
}): OtpMode {
  const { client, store } = options
  const markerKey = (purpose: CodePurpose, phone: PhoneRef) =>
    `${KEY_PREFIX}:gateway-code:${purpose}:${phone.raw}`

  return {
    async deliver(purpose, phone) {
      // The new code replaces the gateway's previous one, whatever that was for.
      await Promise.all(PURPOSES.map((p) => store.delete(markerKey(p, phone))))
      await store.increment(markerKey(purpose, phone), options.expiresInMinutes * 60_000)
      await client.otp.send({
        to: phone.normalized,
        message: options.texts[purpose].template,
        codeLength: options.codeLength,
        expiresInMinutes: options.expiresInMinutes,
      })
    },
    async check(purpose, phone, code) {
      if (!(await store.get(markerKey(purpose, phone)))) return false
      const result = await client.otp.verify({ to: phone.normalized, code }).catch((error) => {
        // Token, network and timeout faults still surface (502/504).
        if (isIprogError(error) && WRONG_CODE_ANSWERS.has(error.code)) return { verified: false }
        throw error
      })
      if (result.verified) await store.delete(markerKey(purpose, phone))
      return result.verified
    },
  }
}
