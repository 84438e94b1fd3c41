/**
 * The GSM 7-bit default alphabet of 3GPP TS 23.038 §6.2.1, in septet order 0x00–0x7F.
 *
 * 0x1B is ESC, the switch to the extension table: it is not a character a user can type, so a
 * U+001B in a message is treated as outside GSM-7. 0x09 is mapped to `Ç` (U+00C7), as in the
 * spec's table and the Unicode consortium's GSM0338 mapping; `ç` is not in the alphabet.
 */
export const GSM7_DEFAULT_ALPHABET =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'

/**
 * The extension table of 3GPP TS 23.038 §6.2.1.1: each is sent as ESC + one septet, so it
 * costs 2 septets. Form feed (U+000C) is part of it.
 */
export const GSM7_EXTENSION = '\f^{}\\[~]|€'

/** @internal Table value of a code unit that is in neither GSM-7 table. */
export const NOT_GSM7 = 0xff

// The default alphabet minus printable ASCII and ESC. Printable ASCII (0x20-0x7E) is all GSM-7
// but the backtick; its `[ \ ] ^ { | } ~` are in the extension table. Building the table from
// these instead of GSM7_DEFAULT_ALPHABET keeps the bundle small; a test checks every code unit
// against GSM7_DEFAULT_ALPHABET.
const BEYOND_ASCII = '\n\r£¥èéùìòÇØøÅåΔΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà'

let widths: Uint8Array | undefined

/**
 * Septets per UTF-16 code unit: 1, 2, or {@link NOT_GSM7}. One 64 KiB table indexed by the
 * code unit itself, so the hot loop does one read and no range check; built on first use, so
 * a bundle that never segments pays nothing at load time.
 * @internal
 */
export function gsm7Widths(): Uint8Array {
  if (widths !== undefined) return widths
  const table = new Uint8Array(0x10000).fill(NOT_GSM7).fill(1, 0x20, 0x7f)
  table[0x60] = NOT_GSM7
  for (const char of BEYOND_ASCII) table[char.charCodeAt(0)] = 1
  for (const char of GSM7_EXTENSION) table[char.charCodeAt(0)] = 2
  widths = table
  return table
}

/**
 * Septets of a whole text in GSM-7, or -1 as soon as a character is outside it.
 * @internal
 */
export function gsm7Length(text: string): number {
  const table = gsm7Widths()
  const length = text.length
  let septets = 0
  let i = 0
  while (i < length) {
    // Sum 64 code units without a branch each: 64 GSM-7 units weigh at most 128, and one
    // NOT_GSM7 (255) alone is more, so a heavier block holds a character outside GSM-7.
    const end = Math.min(i + 64, length)
    let block = 0
    for (; i < end; i++) block += table[text.charCodeAt(i)] as number
    if (block > 128) return -1
    septets += block
  }
  return septets
}

/**
 * Whether one character is in the GSM-7 default alphabet or its extension table (3GPP TS
 * 23.038), i.e. whether it can be sent without switching the whole message to UCS-2.
 *
 * @example
 * ```ts
 * isGsm7Char('ñ') // true
 * isGsm7Char('€') // true (extension table, 2 septets)
 * isGsm7Char('á') // false
 * isGsm7Char('\t') // false
 * ```
 */
export function isGsm7Char(char: string): boolean {
  return char.length === 1 && gsm7Length(char) > 0
}

/**
 * Whether every character of a text is in GSM-7 (the empty text is).
 *
 * @example
 * ```ts
 * isGsm7Text('Salamat po, Señor!') // true
 * isGsm7Text('₱500') // false
 * ```
 */
export function isGsm7Text(text: string): boolean {
  return gsm7Length(text) >= 0
}
