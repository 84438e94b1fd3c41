import { gsm7Length, gsm7Widths } from './gsm7.js'

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
export const isHighSurrogate = (code: number): boolean => (code & 0xfc00) === 0xd800
/** @internal */
export const isLowSurrogate = (code: number): boolean => (code & 0xfc00) === 0xdc00

/**
 * Where the part that starts at `start` ends (exclusive) in a text of `septets` septets (-1 for
 * UCS-2) that needs more than one part; past the end for the last part.
 *
 * - GSM-7 is filled greedily up to {@link GSM7_MULTI} septets. An escape pair never straddles
 *   two parts (TS 23.038 §6.2.1.1), so an extension character that would take the 153rd and
 *   154th septets starts the next part. Without any extension character every septet is one
 *   unit and no escape pair can move.
 * - UCS-2 parts hold {@link UCS2_MULTI} units. Only the last unit needs a look: pairing in
 *   UTF-16 is local, so a part ending in a high surrogate whose low half follows gives that
 *   unit to the next part.
 * @internal
 */
export function partEnd(text: string, start: number, septets: number): number {
  if (septets < 0) {
    const end = start + UCS2_MULTI
    // Only a boundary inside the text can split a pair; the `end < length` test also keeps
    // charCodeAt in bounds (an out-of-bounds read deoptimises the caller in V8).
    return end < text.length &&
      isHighSurrogate(text.charCodeAt(end - 1)) &&
      isLowSurrogate(text.charCodeAt(end))
      ? end - 1
      : end
  }
  const length = text.length
  if (septets === length) return start + GSM7_MULTI
  const table = gsm7Widths()
  let fill = 0
  for (let i = start; i < length; i++) {
    fill += table[text.charCodeAt(i)] as number
    if (fill > GSM7_MULTI) return i
  }
  return length
}

/**
 * Whether a text of `septets` septets (-1 for UCS-2) fits one part, without a concatenation
 * header. @internal
 */
export const fitsOnePart = (text: string, septets: number): boolean =>
  septets < 0 ? text.length <= UCS2_SINGLE : septets <= GSM7_SINGLE

/** How a message travels: 7-bit GSM default alphabet, or 16-bit UCS-2 (UTF-16 in practice). */
export type Encoding = 'GSM-7' | 'UCS-2'

/** Encoding, size and part count of a text, without its parts. */
export interface MessageSize {
  /** `GSM-7` when every character is in the default alphabet or extension table, else `UCS-2`. */
  encoding: Encoding
  /** Septets (GSM-7, extension characters count 2) or UTF-16 code units (UCS-2). */
  units: number
  /** Parts the gateway sends and charges for; 1 for the empty message. */
  segmentCount: number
}

function parts(text: string, septets: number): number {
  if (fitsOnePart(text, septets)) return 1
  let parts = 0
  for (let start = 0; start < text.length; parts++) start = partEnd(text, start, septets)
  return parts
}

/**
 * The number of SMS parts a text is sent as: the same number as
 * `analyzeMessage(text).segmentCount`, computed without allocating. It reads the text from a
 * lookup table until a character forces UCS-2, then looks only at the part boundaries; GSM-7
 * text with extension characters that needs several parts is read a second time to place
 * them (an escape pair can move a boundary).
 *
 * @example
 * ```ts
 * countSegments('Hello!') // 1
 * countSegments('a'.repeat(161)) // 2 (153 + 8 septets)
 * countSegments('{'.repeat(153)) // 3 (306 septets, but an escape pair never straddles parts)
 * ```
 */
export function countSegments(text: string): number {
  // Up to 70 units fit one part in either encoding: 70 × 2 septets is at most 160.
  if (text.length <= UCS2_SINGLE) return 1
  return parts(text, gsm7Length(text))
}

/**
 * Encoding, units and part count of a text, as `analyzeMessage` gives them, without building
 * the parts or the list of non-GSM characters: for a cost estimate.
 *
 * @example
 * ```ts
 * measureMessage('Bayad: ₱1,500') // { encoding: 'UCS-2', units: 13, segmentCount: 1 }
 * ```
 */
export function measureMessage(text: string): MessageSize {
  const septets = gsm7Length(text)
  return {
    encoding: septets < 0 ? 'UCS-2' : 'GSM-7',
    units: septets < 0 ? text.length : septets,
    segmentCount: parts(text, septets),
  }
}
