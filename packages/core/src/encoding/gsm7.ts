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
 * Septets of a whole text in GSM-7 or, as soon as a unit outside GSM-7 shows, `-1 - at`: every
 * unit before `at` is GSM-7 and the first unit outside it is one of `at` to `at + 3`, so a caller
 * that goes on from there (analyzeMessage collecting the characters that force UCS-2) rereads
 * at most 3 units.
 * @internal
 */
export function scanGsm7(text: string): number {
  const table = gsm7Widths()
  const length = text.length
  let septets = 0
  let i = 0
  // Four units per step and one test: four GSM-7 units weigh at most 8 and one NOT_GSM7 (255)
  // alone is more. In V8 a step costs mostly its loop test and the representation check each
  // charCodeAt makes, so four reads per test run about 1.4× faster than one (the
  // 64-unit blocks this replaced had one test per unit in their inner loop).
  for (; i + 4 <= length; i += 4) {
    const block =
      (table[text.charCodeAt(i)] as number) +
      (table[text.charCodeAt(i + 1)] as number) +
      (table[text.charCodeAt(i + 2)] as number) +
      (table[text.charCodeAt(i + 3)] as number)
    if (block > 8) return -1 - i
    septets += block
  }
  // The last 0-3 units.
  for (; i < length; i++) {
    const width = table[text.charCodeAt(i)] as number
    if (width === NOT_GSM7) return -1 - i
    septets += width
  }
  return septets
}

/**
 * Septets of a whole text in GSM-7, or -1 if a character is outside it.
 * @internal
 */
export function gsm7Length(text: string): number {
  const scan = scanGsm7(text)
  return scan < 0 ? -1 : scan
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
