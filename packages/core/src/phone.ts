import { IprogValidationError } from './errors.js'

/** Why a phone number was refused, as a stable code beside the human `reason`. */
export type PhoneIssueCode =
  | 'phone_not_string'
  | 'phone_empty'
  | 'phone_letters'
  | 'phone_characters'
  | 'phone_country'
  | 'phone_too_short'
  | 'phone_too_long'
  | 'phone_not_mobile'

export type PhoneParseResult =
  | { ok: true; value: string }
  | { ok: false; reason: string; code: PhoneIssueCode }

// `639` and nine digits (ASCII only: `\d` without the `u` flag).
const GATEWAY_FORM = /^639\d{9}$/

const refuse = (code: PhoneIssueCode, reason: string): PhoneParseResult => ({
  ok: false,
  code,
  reason,
})

/**
 * Reads a Philippine mobile number written in any common way and gives it in the gateway's
 * `639XXXXXXXXX` form, or says what is wrong with it. Never throws.
 *
 * Accepted: `+63 917 123 4567`, `0063 917 123 4567`, `(0917) 123-4567`, `0917.123.4567`,
 * `09171234567`, `9171234567`, `639171234567`, `+63 (0) 917 123 4567`, and the same with
 * full-width digits or punctuation.
 *
 * @example
 * ```ts
 * parsePhone('(0917) 123-4567') // { ok: true, value: '639171234567' }
 * parsePhone('+1 415 555 2671') // { ok: false, code: 'phone_country', reason: '…' }
 * ```
 */
export function parsePhone(input: string): PhoneParseResult {
  if (typeof input !== 'string') return refuse('phone_not_string', 'Phone number must be a string')
  // Already the gateway's form, as the routes' schema hands it on to the client and as apps store
  // numbers: the steps below would give it back unchanged, after normalising and five regexes.
  if (GATEWAY_FORM.test(input)) return { ok: true, value: input }
  // NFKC turns full-width digits, `＋`, `（）` and ideographic spaces into their ASCII forms.
  const text = input.normalize('NFKC').trim()
  if (text === '') return refuse('phone_empty', 'Phone number is empty')
  if (/\p{L}/u.test(text)) return refuse('phone_letters', 'Phone number contains letters')
  if (!/^\+?[\d\s().\-/]+$/.test(text)) {
    return refuse(
      'phone_characters',
      'Phone number may hold only digits, spaces, dashes, dots, slashes, parentheses and a leading +',
    )
  }
  let digits = text.replace(/\D/g, '')
  let international = text.startsWith('+')
  // 00 is the international call prefix dialled from the Philippines: 0063… is +63….
  if (!international && digits.startsWith('00')) {
    international = true
    digits = digits.slice(2)
  }
  let national: string
  if (international || (digits.startsWith('63') && digits.length > 10)) {
    if (!digits.startsWith('63')) {
      return refuse(
        'phone_country',
        "Phone number has another country's code; only Philippine (+63) mobile numbers are accepted",
      )
    }
    // `+63 (0) 917 …`: the trunk 0 written after the country code.
    national = digits.slice(2).replace(/^0(?=\d{10}$)/, '')
  } else {
    national = digits.replace(/^0/, '')
  }
  const mobile = national.startsWith('9')
  const short = national.length < 10
  if ((short && (mobile || national.length < 7)) || national.length > 10) {
    return refuse(
      short ? 'phone_too_short' : 'phone_too_long',
      `Phone number is too ${short ? 'short' : 'long'}: a Philippine mobile number has 10 digits after 0 or +63, this has ${national.length}`,
    )
  }
  if (!mobile) {
    return refuse(
      'phone_not_mobile',
      'Not a mobile number: Philippine mobile numbers start with 09 or +639 (this looks like a landline)',
    )
  }
  return { ok: true, value: `63${national}` }
}

/**
 * Gives a Philippine mobile number in the gateway's `639XXXXXXXXX` form, or throws an
 * `IprogValidationError` whose message says what is wrong (see `parsePhone` for the forms).
 *
 * @example
 * ```ts
 * normalizePhone('+63 917 123 4567') // '639171234567'
 * ```
 */
export function normalizePhone(input: string): string {
  const parsed = parsePhone(input)
  if (!parsed.ok) {
    throw new IprogValidationError(parsed.reason, [
      { path: [], message: parsed.reason, code: parsed.code },
    ])
  }
  return parsed.value
}
