/**
 * A mode is who makes and checks the code. Both modes sit behind the same guard and the same
 * error mapping (see `iprog-phone-number.ts`); a mode only delivers a code and checks one.
 */
import type { CodePurpose, EndpointContext } from '../context.js'

/** One phone number as better-auth gave it and in the gateway's form. */
export interface PhoneRef {
  /** As better-auth stores it (its unique column): codes are bound to this exact string. */
  raw: string
  /** `639XXXXXXXXX`: the guard's key and the gateway's recipient. */
  normalized: string
}

export interface OtpMode {
  /** Gets a code for `purpose` to the phone; `code` is the one better-auth made. */
  deliver(purpose: CodePurpose, phone: PhoneRef, code: string, ctx?: EndpointContext): Promise<void>
  /** True when `code` is the live code issued for `purpose` to this phone; spends it. */
  check(
    purpose: CodePurpose,
    phone: PhoneRef,
    code: string,
    ctx?: EndpointContext,
  ): Promise<boolean>
}

export const KEY_PREFIX = 'iprog-sms:better-auth'
