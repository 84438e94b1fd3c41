/**
 * A better-auth plugin that rewrites `phoneNumber` in the bodies of the phone-number routes to
 * E.164 before they run, so clients may send any spelling and the unique column holds one form.
 */
import { parsePhone } from '@iprog-sms/core'
import type { BetterAuthPlugin } from 'better-auth'
import { createAuthMiddleware } from 'better-auth/api'

const PHONE_ROUTES = new Set([
  '/sign-in/phone-number',
  '/phone-number/send-otp',
  '/phone-number/verify',
  '/phone-number/request-password-reset',
  '/phone-number/reset-password',
])

/**
 * Rewrites every accepted spelling of a number (`0917 123 4567`, `639171234567`) to
 * `+639171234567` on the phone-number routes; a number `parsePhone` refuses is left as sent, for
 * the validator to refuse.
 *
 * @example
 * ```ts
 * betterAuth({ plugins: [phoneNumber(iprogPhoneNumber({ client })), canonicalPhoneNumbers()] })
 * ```
 */
export function canonicalPhoneNumbers() {
  return {
    id: 'iprog-canonical-phone-numbers',
    hooks: {
      before: [
        {
          matcher: (ctx) =>
            PHONE_ROUTES.has(ctx.path ?? '') && typeof ctx.body?.phoneNumber === 'string',
          handler: createAuthMiddleware(async (ctx) => {
            const parsed = parsePhone(ctx.body.phoneNumber)
            if (!parsed.ok) return
            return { context: { body: { ...ctx.body, phoneNumber: `+${parsed.value}` } } }
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin
}
