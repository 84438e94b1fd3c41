import { gsm7Length, gsm7Widths, NOT_GSM7 } from './gsm7.js'
import {
  fitsOnePart,
  GSM7_MULTI,
  GSM7_SINGLE,
  isHighSurrogate,
  isLowSurrogate,
  type MessageSize,
  measureMessage,
  partEnd,
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
export function analyzeMessage(text: string, options: AnalyzeOptions = {}): MessageAnalysis {
  const smart = options.smartEncoding
  if (!smart) return analyze(text)
  const encoded = smartEncode(text, smart === true ? {} : smart)
  const analysis = analyze(encoded.text)
  const original = measureMessage(text)
  return {
    ...analysis,
    original,
    smartEncoded: { ...encoded, savedSegments: original.segmentCount - analysis.segmentCount },
  }
}

function analyze(text: string): MessageAnalysis {
  const septets = gsm7Length(text)
  const ucs2 = septets < 0
  const units = ucs2 ? text.length : septets
  const single = fitsOnePart(text, septets)
  const segments: string[] = []
  if (single) segments.push(text)
  else {
    for (let start = 0, end: number; start < text.length; start = end) {
      end = partEnd(text, start, septets)
      segments.push(text.slice(start, end))
    }
  }
  const last = segments[segments.length - 1] as string
  const unitsPerSegment = single
    ? ucs2
      ? UCS2_SINGLE
      : GSM7_SINGLE
    : ucs2
      ? UCS2_MULTI
      : GSM7_MULTI
  return {
    encoding: ucs2 ? 'UCS-2' : 'GSM-7',
    units,
    segmentCount: segments.length,
    segments,
    unitsPerSegment,
    remaining: unitsPerSegment - (single ? units : ucs2 ? last.length : gsm7Length(last)),
    nonGsmChars: ucs2 ? nonGsmChars(text) : [],
  }
}

function nonGsmChars(text: string): NonGsmChar[] {
  const table = gsm7Widths()
  const found: NonGsmChar[] = []
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (table[code] !== NOT_GSM7) continue
    const pair = isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(i + 1))
    found.push({ char: text.slice(i, pair ? i + 2 : i + 1), index: i })
    if (pair) i++
  }
  return found
}
