import { gsm7Widths, NOT_GSM7, scanGsm7 } from './gsm7.js'
import {
  type Encoding,
  GSM7_MULTI,
  GSM7_SINGLE,
  isHighSurrogate,
  isLowSurrogate,
  type MessageSize,
  measureMessage,
  UCS2_MULTI,
  UCS2_SINGLE,
} from './parts.js'
import { type Replacement, type SmartEncodeOptions, smartEncode } from './smart-encode.js'

export type { Encoding, MessageSize } from './parts.js'
export { countSegments, measureMessage } from './parts.js'

/** A character that is not in GSM-7 and so made the whole message UCS-2. */
export interface NonGsmChar {
  /** The whole code point: an emoji outside the BMP is its two UTF-16 units together. */
  char: string
  /** UTF-16 offset in the analysed text (`text.slice(index, index + char.length) === char`). */
  index: number
}

export interface AnalyzeOptions {
  /**
   * Apply {@link smartEncode} first and analyse its output; the result then also carries
   * `original` and `smartEncoded`. `{ pesoSign }` sets what `₱` becomes (default `PHP`).
   */
  smartEncoding?: boolean | SmartEncodeOptions
}

/** Encoding, size, parts and the characters that forced UCS-2: see {@link analyzeMessage}. */
export interface MessageAnalysis extends MessageSize {
  /** The text of each part, in order; joined they give back the analysed text. */
  segments: string[]
  /**
   * Capacity of each part of this message: 160 / 70 when it fits in one part, 153 / 67 when it
   * is split (each part then carries a concatenation header).
   */
  unitsPerSegment: number
  /**
   * Units still free in the last part: `unitsPerSegment` minus the units of the last part.
   * That many more default-alphabet (GSM-7) or BMP (UCS-2) characters can be appended without
   * adding a part; an extension character or an astral character takes 2.
   */
  remaining: number
  /** Every character that forced UCS-2, in order; empty for a GSM-7 message. */
  nonGsmChars: NonGsmChar[]
  /** With `smartEncoding`: the text as given, before replacements. */
  original?: MessageSize
  /**
   * With `smartEncoding`: the text that was analysed (and would be sent), each replacement made
   * (indices in the original text) and how many parts that saves.
   */
  smartEncoded?: { text: string; replaced: Replacement[]; savedSegments: number }
}

/**
 * Splits a text into SMS parts exactly as 3GPP TS 23.038 / 23.040 do, so the count is what a
 * gateway charges.
 *
 * - GSM-7 when every character is in the default alphabet (1 septet) or the extension table
 *   (`^ { } \ [ ~ ] | €` and form feed: 2 septets); 160 septets in one part, 153 per part
 *   otherwise. An escape pair is never split: a part may hold 152.
 * - Otherwise UCS-2: 70 UTF-16 units in one part, 67 per part otherwise. A character outside the
 *   Basic Multilingual Plane counts 2 units and its surrogate pair is never split: a part may
 *   hold 66. A lone surrogate counts 1.
 * - The empty message is 0 units in 1 part. Tab (U+0009) and ESC (U+001B) are not GSM-7.
 * - ZWJ emoji sequences are counted code point by code point: 👨‍👩‍👧 is 👨 (2) + ZWJ (1) + 👩 (2)
 *   + ZWJ (1) + 👧 (2) = 8 units. A part boundary may fall between the code points of such a
 *   sequence (or of a flag, or a skin-tone modifier): only a code point's own two units are kept
 *   together, not grapheme clusters, and handsets join the parts before drawing them, so the
 *   emoji still shows whole. (Calculators that keep whole clusters can count one part more.)
 *
 * @example
 * ```ts
 * const a = analyzeMessage('Salamat po! Bayad: ₱1,500')
 * a.encoding // 'UCS-2' (₱ is not GSM-7)
 * a.nonGsmChars // [{ char: '₱', index: 19 }]
 * analyzeMessage('Salamat po! Bayad: ₱1,500', { smartEncoding: true }).encoding // 'GSM-7'
 * ```
 */
export function analyzeMessage(text: string, options?: AnalyzeOptions): MessageAnalysis {
  // Kept small so that it inlines: the common call has no options.
  const smart = options?.smartEncoding
  return smart ? analyzeSmart(text, smart) : analyze(text)
}

function analyzeSmart(text: string, smart: true | SmartEncodeOptions): MessageAnalysis {
  const encoded = smartEncode(text, smart === true ? {} : smart)
  const analysis = analyze(encoded.text)
  const original = measureMessage(text)
  return {
    ...analysis,
    original,
    smartEncoded: { ...encoded, savedSegments: original.segmentCount - analysis.segmentCount },
  }
}

/**
 * The one pass behind {@link analyzeMessage}: {@link scanGsm7} reads the text four units at a
 * time while it may still be GSM-7; from the block that holds the first unit outside it, the
 * units are read once more only to collect the characters that forced UCS-2 (so at most 3 are
 * read twice). Part boundaries come from arithmetic (UCS-2, and GSM-7 without extension
 * characters) or from one fill loop (GSM-7 with extension characters, where an escape pair can
 * move a boundary). Never reads past the end of the text: an out-of-bounds `charCodeAt` makes V8
 * deoptimise the whole loop.
 */
function analyze(text: string): MessageAnalysis {
  const length = text.length
  const scan = scanGsm7(text)
  if (scan >= 0) {
    // GSM-7. One part needs no header; without extension characters (septets === length) every
    // part is 153 units; with them, the fill loop finds where escape pairs move the boundaries.
    const septets = scan
    if (septets <= GSM7_SINGLE) return result('GSM-7', septets, [text], GSM7_SINGLE, septets, [])
    const segments: string[] = []
    const last =
      septets === length
        ? slices(text, GSM7_MULTI, false, segments)
        : escapeAwareSlices(text, gsm7Widths(), segments)
    return result('GSM-7', septets, segments, GSM7_MULTI, last, [])
  }
  const found = nonGsmChars(text, -1 - scan, gsm7Widths())
  if (length <= UCS2_SINGLE) return result('UCS-2', length, [text], UCS2_SINGLE, length, found)
  const segments: string[] = []
  const last = slices(text, UCS2_MULTI, true, segments)
  return result('UCS-2', length, segments, UCS2_MULTI, last, found)
}

/**
 * The characters outside GSM-7 from unit `from` on (every unit before `from` is GSM-7, and the
 * first unit outside it is at most 3 units after `from`).
 */
function nonGsmChars(text: string, from: number, table: Uint8Array): NonGsmChar[] {
  const length = text.length
  const found: NonGsmChar[] = []
  // A GSM-7 unit costs one read and a well-predicted branch.
  for (let i = from; i < length; i++) {
    const code = text.charCodeAt(i)
    if (table[code] !== NOT_GSM7) continue
    // A high surrogate followed by a low one is one character outside the BMP: both units go
    // into `char`. Any other unit (a BMP character or a lone surrogate) is a character alone.
    if ((code & 0xfc00) === 0xd800 && i + 1 < length && isLowSurrogate(text.charCodeAt(i + 1))) {
      found.push({ char: text.slice(i, i + 2), index: i })
      i++
    } else found.push({ char: String.fromCharCode(code), index: i })
  }
  return found
}

/** Every analysis has this one shape (one hidden class for V8). */
const result = (
  encoding: Encoding,
  units: number,
  segments: string[],
  unitsPerSegment: number,
  lastUnits: number,
  nonGsmChars: NonGsmChar[],
): MessageAnalysis => ({
  encoding,
  units,
  segmentCount: segments.length,
  segments,
  unitsPerSegment,
  remaining: unitsPerSegment - lastUnits,
  nonGsmChars,
})

/**
 * Cuts `text` into parts of `size` units, one unit less where a part would end between the two
 * halves of a surrogate pair (`pairs`, UCS-2). Returns the units of the last part.
 */
function slices(text: string, size: number, pairs: boolean, segments: string[]): number {
  const length = text.length
  let start = 0
  for (let end = size; end < length; end = start + size) {
    // Only a boundary inside the text can split a pair, so the look at `end` is in bounds.
    if (pairs && isHighSurrogate(text.charCodeAt(end - 1)) && isLowSurrogate(text.charCodeAt(end)))
      end--
    segments.push(text.slice(start, end))
    start = end
  }
  segments.push(text.slice(start))
  return length - start
}

/**
 * Cuts GSM-7 text with extension characters into parts of at most 153 septets: a character
 * that would overflow the part (an escape pair on its 153rd septet) starts the next one.
 * Returns the septets of the last part.
 */
function escapeAwareSlices(text: string, table: Uint8Array, segments: string[]): number {
  let start = 0
  let fill = 0
  for (let i = 0; i < text.length; i++) {
    const width = table[text.charCodeAt(i)] as number
    fill += width
    if (fill > GSM7_MULTI) {
      segments.push(text.slice(start, i))
      start = i
      fill = width
    }
  }
  segments.push(text.slice(start))
  return fill
}
