// The analyzeMessage of issue 3 (gsm7Length, then partEnd per part, then a second scan for the
// non-GSM characters), kept verbatim as the reference the one-pass analyzer must agree with.
// Only the GSM-7 table is shared with src (it has its own spec tests); nothing else is, so a
// change in src cannot move the reference with it.
import { gsm7Widths, NOT_GSM7 } from '../../src/encoding/gsm7.js'

interface NonGsmChar {
  char: string
  index: number
}

export interface ReferenceAnalysis {
  encoding: 'GSM-7' | 'UCS-2'
  units: number
  segmentCount: number
  segments: string[]
  unitsPerSegment: number
  remaining: number
  nonGsmChars: NonGsmChar[]
}

const GSM7_SINGLE = 160
const GSM7_MULTI = 153
const UCS2_SINGLE = 70
const UCS2_MULTI = 67
const isHighSurrogate = (code: number): boolean => (code & 0xfc00) === 0xd800
const isLowSurrogate = (code: number): boolean => (code & 0xfc00) === 0xdc00

function gsm7Length(text: string): number {
  const table = gsm7Widths()
  const length = text.length
  let septets = 0
  let i = 0
  while (i < length) {
    const end = Math.min(i + 64, length)
    let block = 0
    for (; i < end; i++) block += table[text.charCodeAt(i)] as number
    if (block > 128) return -1
    septets += block
  }
  return septets
}

function partEnd(text: string, start: number, septets: number): number {
  if (septets < 0) {
    const end = start + UCS2_MULTI
    return isHighSurrogate(text.charCodeAt(end - 1)) && isLowSurrogate(text.charCodeAt(end))
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

const fitsOnePart = (text: string, septets: number): boolean =>
  septets < 0 ? text.length <= UCS2_SINGLE : septets <= GSM7_SINGLE

/** The issue-3 analysis of `text` (without `smartEncoding`). */
export function referenceAnalyze(text: string): ReferenceAnalysis {
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
