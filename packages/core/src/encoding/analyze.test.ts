import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { analyzeMessage, countSegments, type MessageAnalysis, measureMessage } from './analyze.js'
import { GSM7_DEFAULT_ALPHABET, GSM7_EXTENSION } from './gsm7.js'

// Reference model, written independently of the lookup table: TS 23.038 tables as strings.
const BASIC = GSM7_DEFAULT_ALPHABET.replace('\x1b', '')
const septets = (text: string): number => {
  let total = 0
  for (const char of text) total += GSM7_EXTENSION.includes(char) ? 2 : 1
  return total
}
const isAllGsm = (text: string): boolean =>
  [...text].every((char) => BASIC.includes(char) || GSM7_EXTENSION.includes(char))
const unitsOf = (part: string, analysis: MessageAnalysis): number =>
  analysis.encoding === 'GSM-7' ? septets(part) : part.length

/** Analyses and checks that countSegments and measureMessage agree, as callers rely on. */
const analyse = (text: string): MessageAnalysis => {
  const analysis = analyzeMessage(text)
  const { encoding, units, segmentCount } = analysis
  expect(countSegments(text)).toBe(segmentCount)
  expect(measureMessage(text)).toEqual({ encoding, units, segmentCount })
  return analysis
}
const sizes = (analysis: MessageAnalysis): number[] =>
  analysis.segments.map((part) => unitsOf(part, analysis))

const a = (n: number) => 'a'.repeat(n)
const aa = (n: number) => 'á'.repeat(n)

describe('analyzeMessage: GSM-7', () => {
  it('counts the empty message as 0 units in 1 part', () => {
    expect(analyse('')).toEqual({
      encoding: 'GSM-7',
      units: 0,
      segmentCount: 1,
      segments: [''],
      unitsPerSegment: 160,
      remaining: 160,
      nonGsmChars: [],
    })
  })

  it('fits 160 septets in one part and splits 161 into 153 + 8', () => {
    expect(analyse(a(160))).toMatchObject({ segmentCount: 1, unitsPerSegment: 160, remaining: 0 })
    const split = analyse(a(161))
    expect(split).toMatchObject({
      units: 161,
      segmentCount: 2,
      unitsPerSegment: 153,
      remaining: 145,
    })
    expect(sizes(split)).toEqual([153, 8])
  })

  it('needs k parts for 153·k septets and k + 1 for one more', () => {
    expect(analyse(a(306)).segmentCount).toBe(2)
    expect(analyse(a(307)).segmentCount).toBe(3)
    for (let k = 2; k <= 12; k++) {
      expect(analyse(a(153 * k)), `153*${k}`).toMatchObject({ segmentCount: k, remaining: 0 })
      expect(analyse(a(153 * k + 1)), `153*${k}+1`).toMatchObject({
        segmentCount: k + 1,
        remaining: 152,
      })
    }
  })

  it('moves an escape pair whole into the next part when only one septet is left', () => {
    const text = a(152) + '€' + a(10)
    const analysis = analyse(text)
    expect(analysis.units).toBe(164)
    expect(analysis.segments).toEqual([a(152), '€' + a(10)])
    expect(sizes(analysis)).toEqual([152, 12])
  })

  it('keeps an escape pair in the part when it ends exactly on the boundary', () => {
    const analysis = analyse(a(151) + '€' + a(10))
    expect(analysis.segments).toEqual([a(151) + '€', a(10)])
    expect(sizes(analysis)).toEqual([153, 10])
  })

  it('counts extension characters as 2 septets against the single-part limit', () => {
    expect(analyse(a(158) + '€')).toMatchObject({ units: 160, segmentCount: 1, remaining: 0 })
    expect(analyse(a(159) + '€')).toMatchObject({ units: 161, segmentCount: 2 })
  })

  it('splits a message made only of extension characters 76 to a part', () => {
    expect(analyse('€'.repeat(80))).toMatchObject({ units: 160, segmentCount: 1 })
    const over = analyse('€'.repeat(81))
    expect(sizes(over)).toEqual([152, 10])
    // 306 septets would be 2 × 153, but no part can hold an odd half of an escape pair.
    const braces = analyse('{'.repeat(153))
    expect(braces).toMatchObject({ units: 306, segmentCount: 3, remaining: 151 })
    expect(sizes(braces)).toEqual([152, 152, 2])
  })

  it('keeps Tagalog with ñ and Ñ in GSM-7 and charges € 2 septets', () => {
    const text = 'Magandang umaga po, Ginoong Niño! Pakibayaran ang €20 sa SEÑOR.'
    expect(analyse(text)).toMatchObject({
      encoding: 'GSM-7',
      units: text.length + 1,
      segmentCount: 1,
      nonGsmChars: [],
    })
  })

  it('counts CRLF as two septets and form feed as an extension character', () => {
    expect(analyse(a(158) + '\r\n')).toMatchObject({ units: 160, segmentCount: 1 })
    expect(analyse(a(157) + '\r\n\f')).toMatchObject({ units: 161, segmentCount: 2 })
  })
})

describe('analyzeMessage: UCS-2', () => {
  it('fits 70 units in one part and splits 71 into 67 + 4', () => {
    expect(analyse(aa(70))).toMatchObject({
      encoding: 'UCS-2',
      segmentCount: 1,
      unitsPerSegment: 70,
      remaining: 0,
    })
    const split = analyse(aa(71))
    expect(split).toMatchObject({ segmentCount: 2, unitsPerSegment: 67, remaining: 63 })
    expect(sizes(split)).toEqual([67, 4])
  })

  it('needs k parts for 67·k units and k + 1 for one more', () => {
    for (let k = 2; k <= 12; k++) {
      expect(analyse(aa(67 * k)), `67*${k}`).toMatchObject({ segmentCount: k, remaining: 0 })
      expect(analyse(aa(67 * k + 1)), `67*${k}+1`).toMatchObject({ segmentCount: k + 1 })
    }
  })

  it('moves a surrogate pair whole into the next part when one unit is left', () => {
    const analysis = analyse(aa(66) + '😀' + aa(10))
    expect(analysis.segments).toEqual([aa(66), '😀' + aa(10)])
    expect(sizes(analysis)).toEqual([66, 12])
  })

  it('keeps a surrogate pair that ends exactly on the boundary', () => {
    const analysis = analyse(aa(65) + '😀' + aa(10))
    expect(analysis.segments).toEqual([aa(65) + '😀', aa(10)])
  })

  it('counts astral characters as 2 units: 35 emoji fit one part, 36 need two', () => {
    expect(analyse('😀'.repeat(35))).toMatchObject({ units: 70, segmentCount: 1 })
    const two = analyse('😀'.repeat(36))
    expect(sizes(two)).toEqual([66, 6])
    expect(two.remaining).toBe(61)
  })

  it('may split a ZWJ emoji sequence between parts at a code point boundary', () => {
    const family = '👨\u200d👩\u200d👧'
    const analysis = analyse(aa(64) + family + aa(5))
    expect(analysis.units).toBe(64 + 8 + 5)
    expect(analysis.segments[0]).toBe(aa(64) + '👨\u200d')
    expect(analysis.segments[1]).toBe('👩\u200d👧' + aa(5))
  })

  it('lists each character that forced UCS-2 with its UTF-16 index', () => {
    const text = 'Magandáng umaga 😀! ₱50'
    expect(analyse(text).nonGsmChars).toEqual([
      { char: 'á', index: 6 },
      { char: '😀', index: 16 },
      { char: '₱', index: 20 },
    ])
  })

  it('treats tab and ESC as outside GSM-7', () => {
    expect(analyse('a\tb')).toMatchObject({
      encoding: 'UCS-2',
      nonGsmChars: [{ char: '\t', index: 1 }],
    })
    expect(analyse('a\x1bb')).toMatchObject({ encoding: 'UCS-2', units: 3 })
  })

  it('counts a GSM extension character as 1 unit once the message is UCS-2', () => {
    expect(analyse('€{}á')).toMatchObject({ encoding: 'UCS-2', units: 4 })
  })

  it('counts a lone surrogate as 1 unit that may start a part', () => {
    const analysis = analyse(aa(67) + '\udc00' + aa(3))
    expect(analysis.units).toBe(71)
    expect(analysis.segments[1]).toBe('\udc00' + aa(3))
    expect(analysis.nonGsmChars).toContainEqual({ char: '\udc00', index: 67 })
  })
})

describe('analyzeMessage with smartEncoding', () => {
  it('reports the original and the saved part count', () => {
    const text = `“Paalala”: ang bayad mo na ₱1,500 ay natanggap na namin. Salamat po sa inyong tiwala!`
    const analysis = analyzeMessage(text, { smartEncoding: true })
    expect(analysis.original).toEqual({ encoding: 'UCS-2', units: text.length, segmentCount: 2 })
    expect(analysis).toMatchObject({ encoding: 'GSM-7', segmentCount: 1, nonGsmChars: [] })
    expect(analysis.smartEncoded?.savedSegments).toBe(1)
    expect(analysis.smartEncoded?.text).toBe(
      '"Paalala": ang bayad mo na PHP1,500 ay natanggap na namin. Salamat po sa inyong tiwala!',
    )
    expect(analysis.smartEncoded?.replaced.map((r) => r.from)).toEqual(['“', '”', '₱'])
    expect(analysis.segments.join('')).toBe(analysis.smartEncoded?.text)
  })

  it('passes its pesoSign through to smartEncode', () => {
    const analysis = analyzeMessage('₱20', { smartEncoding: { pesoSign: 'P' } })
    expect(analysis.segments).toEqual(['P20'])
  })

  it('leaves a message that stays UCS-2 unchanged and saves nothing', () => {
    const analysis = analyzeMessage('“Salamat” 🙏', { smartEncoding: true })
    expect(analysis).toMatchObject({ encoding: 'UCS-2', segments: ['“Salamat” 🙏'] })
    expect(analysis.smartEncoded).toEqual({ text: '“Salamat” 🙏', replaced: [], savedSegments: 0 })
  })

  it('adds nothing to the result without the option', () => {
    expect(analyzeMessage('₱1')).not.toHaveProperty('original')
    expect(
      JSON.parse(JSON.stringify(analyzeMessage('₱1', { smartEncoding: true }))),
    ).toHaveProperty('smartEncoded.replaced.0.index', 0)
  })
})

// Random mixes of every class of character the segmenter treats differently.
const basic = fc.constantFrom(...BASIC)
const extension = fc.constantFrom(...GSM7_EXTENSION)
const bmp = fc.oneof(
  fc.constantFrom('á', 'ç', '₱', '“', '”', '–', '\t', '\x1b', '\u200d', '中', '\u00a0', '`'),
  fc.integer({ min: 0x80, max: 0xd7ff }).map((code) => String.fromCharCode(code)),
)
const astral = fc.integer({ min: 0x10000, max: 0x10ffff }).map((code) => String.fromCodePoint(code))
const lone = fc.constantFrom('\ud83d', '\ude00')
const gsmText = fc
  .array(fc.oneof({ arbitrary: basic, weight: 5 }, { arbitrary: extension, weight: 2 }), {
    maxLength: 480,
    size: 'max',
  })
  .map((chars) => chars.join(''))
const mixedText = fc
  .array(
    fc.oneof(
      { arbitrary: basic, weight: 6 },
      { arbitrary: extension, weight: 2 },
      { arbitrary: bmp, weight: 1 },
      { arbitrary: astral, weight: 2 },
      { arbitrary: lone, weight: 1 },
    ),
    { maxLength: 260, size: 'max' },
  )
  .map((chars) => chars.join(''))
const anyText = fc.oneof(gsmText, mixedText)
const runs = { numRuns: 600, seed: 230_38 }

describe('analyzeMessage properties', () => {
  it('gives back the text when its parts are joined', () => {
    fc.assert(
      fc.property(anyText, (text) => analyzeMessage(text).segments.join('') === text),
      runs,
    )
  })

  it('fits every part in its capacity and counts every unit once', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const analysis = analyzeMessage(text)
        const parts = sizes(analysis)
        const total = parts.reduce((sum, units) => sum + units, 0)
        const capacity =
          analysis.segmentCount === 1
            ? analysis.encoding === 'GSM-7'
              ? 160
              : 70
            : analysis.encoding === 'GSM-7'
              ? 153
              : 67
        expect(analysis.unitsPerSegment).toBe(capacity)
        expect(parts.every((units) => units <= capacity)).toBe(true)
        expect(total).toBe(analysis.units)
        expect(analysis.remaining).toBe(capacity - (parts.at(-1) as number))
        expect(analysis.segmentCount).toBe(analysis.segments.length)
      }),
      runs,
    )
  })

  it('never splits a surrogate pair and never leaves a part short without cause', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const analysis = analyzeMessage(text)
        const { segments } = analysis
        for (let i = 0; i + 1 < segments.length; i++) {
          const part = segments[i] as string
          const next = segments[i + 1] as string
          const last = part.charCodeAt(part.length - 1)
          const first = next.charCodeAt(0)
          expect(last >= 0xd800 && last <= 0xdbff && first >= 0xdc00 && first <= 0xdfff).toBe(false)
          // Greedy filling: a part is closed only when the next character would not fit.
          const head = String.fromCodePoint(next.codePointAt(0) as number)
          expect(unitsOf(part, analysis) + unitsOf(head, analysis)).toBeGreaterThan(
            analysis.unitsPerSegment,
          )
        }
      }),
      runs,
    )
  })

  it('agrees with countSegments and measureMessage', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const { encoding, units, segmentCount } = analyzeMessage(text)
        expect(countSegments(text)).toBe(segmentCount)
        expect(measureMessage(text)).toEqual({ encoding, units, segmentCount })
      }),
      runs,
    )
  })

  it('chooses GSM-7 exactly when every character is in the two GSM-7 tables', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const analysis = analyzeMessage(text)
        expect(analysis.encoding === 'GSM-7').toBe(isAllGsm(text))
        expect(analysis.nonGsmChars.length === 0).toBe(analysis.encoding === 'GSM-7')
        for (const { char, index } of analysis.nonGsmChars) {
          expect(text.slice(index, index + char.length)).toBe(char)
          expect(isAllGsm(char)).toBe(false)
        }
      }),
      runs,
    )
  })
})
