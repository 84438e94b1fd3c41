/**
 * Phone numbers as better-auth stores them. Its `phoneNumber` column is unique and compared as a
 * string, so `0917 123 4567` and `+639171234567` would be two accounts for one phone. Keep one
 * form, E.164 (`+639171234567`): by default anything else is refused with better-auth's own
 * `INVALID_PHONE_NUMBER` error and a message saying what to send; `canonicalPhoneNumbers()`
 * rewrites any accepted spelling to that form before better-auth sees it.
 */
import { normalizePhone, parsePhone } from '@iprog-sms/core'
import { APIError } from 'better-auth/api'

/** `'e164'` (default): only `+639XXXXXXXXX`; `'any'`: every spelling `parsePhone` accepts. */
export type PhoneNumberForm = 'e164' | 'any'

/**
 * The E.164 form of a Philippine mobile number; throws `IprogValidationError` for what
 * `parsePhone` refuses. Safe in a browser: it only calls core's root entry.
 *
 * @example
 * ```ts
 * toE164Phone('0917-123-4567') // '+639171234567'
 * ```
 */
export function toE164Phone(input: string): string {
  return `+${normalizePhone(input)}`
}

/**
 * Checks a phone number as better-auth received it and gives the gateway form (`639…`); throws
 * better-auth's `APIError` (400, `INVALID_PHONE_NUMBER`) with the reason otherwise.
 *
 * @example
 * ```ts
 * checkPhoneNumber('+639171234567', 'e164') // '639171234567'
 * checkPhoneNumber('09171234567', 'e164')   // throws: write it as +639171234567
 * ```
 */
export function checkPhoneNumber(input: unknown, form: PhoneNumberForm): string {
  const parsed = typeof input === 'string' ? parsePhone(input) : undefined
  if (!parsed?.ok) {
    throw invalidPhone(parsed?.reason ?? 'Phone number must be a string')
  }
  if (form === 'e164' && input !== `+${parsed.value}`) {
    throw invalidPhone(`Write the phone number in E.164 form: +${parsed.value}`)
  }
  return parsed.value
}

/**
 * A `phoneNumberValidator` for better-auth's phone-number plugin: refuses what `parsePhone`
 * refuses (and, with `'e164'`, every other spelling) with the reason in the message.
 *
 * @example
 * ```ts
 * phoneNumber({ sendOTP, phoneNumberValidator: iprogPhoneNumberValidator('e164') })
 * ```
 */
export function iprogPhoneNumberValidator(
  form: PhoneNumberForm = 'e164',
): (phoneNumber: string) => boolean {
  return (phoneNumber) => {
    checkPhoneNumber(phoneNumber, form)
    return true
  }
}

function invalidPhone(reason: string): APIError {
  return new APIError('BAD_REQUEST', { code: 'INVALID_PHONE_NUMBER', message: reason })
}
