import { EURO_SIGN, GSM7_TABLE_SIZE, gsm7Widths } from './gsm7.js'

// 3GPP TS 23.040 §9.2.3.24.1: a concatenated part carries a 6-octet User Data Header
// (UDHL + 8-bit reference IE), leaving 140 - 6 = 134 octets: 153 septets (after fill bits)
// or 67 UTF-16 units. A message that fits one part needs no header: 160 septets / 70 units.
/** Septets in a single-part GSM-7 message. */
export const GSM7_SINGLE = 160
/** Septets in each part of a multipart GSM-7 message. */
export const GSM7_MULTI = 153
/** UTF-16 code units in a single-part UCS-2 message. */
export const UCS2_SINGLE = 70
/** UTF-16 code units in each part of a multipart UCS-2 message. */
export const UCS2_MULTI = 67

/** @internal */
export const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff
/** @internal */
export const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff

/**
 * Where the UCS-2 part that starts at `start` ends (exclusive), given that more than
 * {@link UCS2_MULTI} units remain. Only the last unit needs a look: pairing in UTF-16 is local,
 * so a part ending in a high surrogate whose low half follows gives that unit to the next part.
 * @internal
 */
export function ucs2PartEnd(text: string, start: number): number {
  const end = start + UCS2_MULTI
  return isHighSurrogate(text.charCodeAt(end - 1)) && isLowSurrogate(text.charCodeAt(end))
    ? end - 1
    : end
}

function countUcs2(text: string): number {
  const length = text.length
  if (length <= UCS2_SINGLE) return 1
  let parts = 1
  let start = 0
  while (length - start > UCS2_MULTI) {
    start = ucs2PartEnd(text, start)
    parts++
  }
  return parts
}

/**
 * The number of SMS parts a text is sent as: the same number as
 * `analyzeMessage(text).segmentCount`, computed without allocating (one table read per UTF-16
 * code unit while the text is GSM-7; once a character forces UCS-2, only the part boundaries
 * are looked at).
 *
 * @example
 * ```ts
 * countSegments('Hello!') // 1
 * countSegments('a'.repeat(161)) // 2 (153 + 8 septets)
 * countSegments('Salamat ₱500') // 1 (UCS-2, 12 of 70 units)
 * ```
 */
export function countSegments(text: string): number {
  const table = gsm7Widths()
  const length = text.length
  let septets = 0
  let fill = 0
  let parts = 1
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i)
    const width = code < GSM7_TABLE_SIZE ? (table[code] as number) : code === EURO_SIGN ? 2 : 0
    if (width === 0) return countUcs2(text)
    septets += width
    fill += width
    // An escape pair never straddles two parts (TS 23.038 §6.2.1.1): it moves whole.
    if (fill > GSM7_MULTI) {
      parts++
      fill = width
    }
  }
  return septets <= GSM7_SINGLE ? 1 : parts
}
