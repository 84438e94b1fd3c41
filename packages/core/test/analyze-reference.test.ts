import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { analyzeMessage } from '../src/encoding/analyze.js'
import { GSM7_DEFAULT_ALPHABET, GSM7_EXTENSION } from '../src/encoding/gsm7.js'
import { referenceAnalyze } from './reference/analyze-reference.js'

// The one-pass analyzeMessage must give exactly the result of the issue-3 implementation
// (test/reference), field by field, on every text: it is a speed-up, not a new behaviour.

const basic = fc.constantFrom(...GSM7_DEFAULT_ALPHABET.replace('\x1b', ''))
const extension = fc.constantFrom(...GSM7_EXTENSION)
const bmp = fc.oneof(
  fc.constantFrom('á', 'ç', '₱', '“', '\t', '\x1b', '\u200d', '中', '`', '\uffff'),
  fc.integer({ min: 0x80, max: 0xffff }).map((code) => String.fromCharCode(code)),
)
const astral = fc.integer({ min: 0x10000, max: 0x10ffff }).map((code) => String.fromCodePoint(code))
const lone = fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff', '\ud83d', '\ude00')
const piece = fc.oneof(
  { arbitrary: basic, weight: 6 },
  { arbitrary: extension, weight: 2 },
  { arbitrary: bmp, weight: 1 },
  { arbitrary: astral, weight: 1 },
  { arbitrary: lone, weight: 1 },
)
const join = (pieces: string[]) => pieces.join('')

// Short and mixed; pure GSM-7 with many extension characters; long enough for 10+ parts in
// either encoding.
const mixed = fc.array(piece, { maxLength: 300, size: 'max' }).map(join)
const gsm = fc
  .array(fc.oneof({ arbitrary: basic, weight: 3 }, { arbitrary: extension, weight: 2 }), {
    maxLength: 2200,
    size: 'max',
  })
  .map(join)
const long = fc.array(piece, { minLength: 700, maxLength: 2000, size: 'max' }).map(join)
// A character of any kind right at (or one or two units around) the k-th part boundary, after
// a head of 1-unit GSM-7 or UCS-2 characters and optional extension characters, then more.
const onBoundary = fc
  .record({
    k: fc.integer({ min: 1, max: 14 }),
    shift: fc.integer({ min: -3, max: 2 }),
    ucs2: fc.boolean(),
    escapes: fc.integer({ min: 0, max: 6 }),
    at: fc.array(piece, { minLength: 1, maxLength: 3 }).map(join),
    tail: fc.array(piece, { maxLength: 80 }).map(join),
  })
  .map(({ k, shift, ucs2, escapes, at, tail }) => {
    const size = ucs2 ? 67 : 153
    const head =
      '{'.repeat(escapes) + (ucs2 ? 'á' : 'a').repeat(Math.max(0, k * size + shift - 2 * escapes))
    return head + at + tail
  })

const runs = { numRuns: 400, seed: 0x3601 }

describe('analyzeMessage agrees with the issue-3 reference', () => {
  for (const [name, texts] of Object.entries({ mixed, gsm, long, onBoundary })) {
    it(`on ${name} texts`, () => {
      fc.assert(
        fc.property(texts, (text) => {
          expect(analyzeMessage(text)).toStrictEqual(referenceAnalyze(text))
        }),
        runs,
      )
    })
  }

  it('on every special character at every boundary of 1 to 12 parts', () => {
    const specials = ['€', '{', 'a', 'á', '😀', '\ud83d', '\ude00', '\ud83d\ud83d', '\t']
    for (const ucs2 of [false, true]) {
      const size = ucs2 ? 67 : 153
      for (let k = 0; k <= 12; k++) {
        for (let shift = -2; shift <= 2; shift++) {
          for (const at of specials) {
            for (const tail of ['', 'x', '😀', 'á€']) {
              const text = (ucs2 ? 'á' : 'a').repeat(Math.max(0, k * size + shift)) + at + tail
              const ours = analyzeMessage(text)
              const reference = referenceAnalyze(text)
              if (JSON.stringify(ours) !== JSON.stringify(reference))
                expect(ours, JSON.stringify({ ucs2, k, shift, at, tail })).toStrictEqual(reference)
            }
          }
        }
      }
    }
  })
})
