/**
 * The gateway's own phone rule, not core's lenient parser: the guide requires `639XXXXXXXXX`,
 * and the documentation's examples send `09XXXXXXXXX`, so the sandbox takes exactly those two
 * forms and refuses `+63…`, `9…`, spaces and dashes, as a strict gateway would.
 */
const GATEWAY_PHONE = /^(?:639|09)\d{9}$/

/** The gateway-style refusal for a number in neither accepted form. */
export const INVALID_PHONE_MESSAGE = 'Invalid phone number. Please use the format 639XXXXXXXXX.'

/**
 * The number in `639XXXXXXXXX` form when the gateway would accept it, else `undefined`.
 *
 * @example
 * ```ts
 * checkGatewayPhone('09171234567') // '639171234567'
 * checkGatewayPhone('+639171234567') // undefined
 * ```
 */
export function checkGatewayPhone(input: string): string | undefined {
  if (!GATEWAY_PHONE.test(input)) return undefined
  return input.startsWith('09') ? '63' + input.slice(1) : input
}

/**
 * Reads a configured number or prefix (`0918`, `63918`, `+63918…`) in `639…` form, so it can be
 * compared with the start of a checked number.
 *
 * @example
 * ```ts
 * prefixToGatewayForm('0918') // '63918'
 * ```
 */
export function prefixToGatewayForm(prefix: string): string {
  const digits = prefix.replace(/\D/g, '')
  if (digits.startsWith('0')) return '63' + digits.slice(1)
  if (digits.startsWith('9')) return '63' + digits
  return digits
}
