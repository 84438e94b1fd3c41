/**
 * The better-auth types this package reads, derived from the phone-number plugin's own option
 * types so that they follow the installed better-auth version.
 */
import type { PhoneNumberOptions } from 'better-auth/plugins/phone-number'

/** The endpoint context better-auth hands to `sendOTP`, `verifyOTP` and `sendPasswordResetOTP`. */
export type EndpointContext = NonNullable<Parameters<PhoneNumberOptions['sendOTP']>[1]>

/** What a code is for: signing in or verifying a number, or resetting a password. */
export type CodePurpose = 'verify' | 'reset'

const RESET_PATH = '/phone-number/reset-password'

/**
 * The purpose of a verify call, from the route better-auth is serving. better-auth calls
 * `verifyOTP` from `/phone-number/verify` and (from 1.7.8 on) from `/phone-number/reset-password`.
 *
 * @example
 * ```ts
 * purposeOf(ctx) // 'reset' inside /phone-number/reset-password
 * ```
 */
export function purposeOf(ctx: EndpointContext | undefined): CodePurpose {
  return ctx?.path === RESET_PATH ? 'reset' : 'verify'
}

/**
 * The request headers of a better-auth call (an HTTP request, or `auth.api.*` with `headers`).
 *
 * @example
 * ```ts
 * requestHeaders(ctx).get('x-forwarded-for')
 * ```
 */
export function requestHeaders(ctx: EndpointContext | undefined): Headers {
  return ctx?.request?.headers ?? ctx?.headers ?? new Headers()
}
