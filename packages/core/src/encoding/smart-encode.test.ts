import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { GSM7_DEFAULT_ALPHABET, GSM7_EXTENSION, isGsm7Text } from './gsm7.js'
import { countSegments } from './parts.js'
import { type SmartEncodeResult, smartEncode } from './smart-encode.js'

const encoded = (text: string) => smartEncode(text).text

describe('smartEncode', () => {
  it('turns curly quotes, primes, dashes and the ellipsis into GSM-7 punctuation', () => {
    expect(encoded('‘Oo’ “Hindi” 5′ 7″ – — ― − …')).toBe(`'Oo' "Hindi" 5' 7" - - - - ...`)
    expect(encoded('«Salamat» `ok´')).toBe(`"Salamat" 'ok'`)
  })

  it('turns non-breaking and other Unicode spaces and tab into a plain space', () => {
    expect(encoded('a\u00a0b\u2009c\u202fd\u3000e\tf\u2003g')).toBe('a b c d e f g')
    expect(encoded('line\u2028next')).toBe('line\nnext')
  })

  it('removes zero-width characters, the BOM and soft hyphens', () => {
    const result = smartEncode('\ufeffba\u00adyad\u200b na\u200c\u200d\u2060')
    expect(result.text).toBe('bayad na')
    expect(result.replaced.map((r) => [r.from, r.to, r.index])).toEqual([
      ['\ufeff', '', 0],
      ['\u00ad', '', 3],
      ['\u200b', '', 7],
      ['\u200c', '', 11],
      ['\u200d', '', 12],
      ['\u2060', '', 13],
    ])
  })

  it('turns bullets into dashes', () => {
    expect(encoded('• isa\n‣ dalawa\n◦ tatlo')).toBe('- isa\n- dalawa\n- tatlo')
  })

  it('turns full-width ASCII into ASCII, backtick included', () => {
    expect(encoded('ＯＴＰ：１２３４５６！｛ｏｋ｝｀')).toBe("OTP:123456!{ok}'")
  })

  it('drops accents that GSM-7 lacks and keeps the ones it has', () => {
    expect(encoded('Magandáng gabí, ginóo! Salúbong, â ê î ô û')).toBe(
      'Magandang gabi, ginoo! Salubong, a e i o u',
    )
    expect(encoded('é è ù ì ò à Ä Ö Ñ Ü ä ö ñ ü Å å Æ æ Ø ø É ß Ç á')).toBe(
      'é è ù ì ò à Ä Ö Ñ Ü ä ö ñ ü Å å Æ æ Ø ø É ß Ç a',
    )
    expect(encoded('Ça ç')).toBe('Ça c')
  })

  it('composes a letter and a combining accent into the GSM-7 letter when there is one', () => {
    const result = smartEncode('Nin\u0303o, cafe\u0301, a\u0301')
    expect(result.text).toBe('Niño, café, a')
    expect(result.replaced).toEqual([
      { from: 'n\u0303', to: 'ñ', index: 2 },
      { from: 'e\u0301', to: 'é', index: 10 },
      { from: 'a\u0301', to: 'a', index: 14 },
    ])
  })

  it('turns ₱ into PHP by default, or into the configured pesoSign', () => {
    expect(smartEncode('Bayad: ₱1,500')).toEqual({
      text: 'Bayad: PHP1,500',
      replaced: [{ from: '₱', to: 'PHP', index: 7 }],
    })
    expect(smartEncode('₱1,500', { pesoSign: 'P' }).text).toBe('P1,500')
    expect(smartEncode('₱1,500', { pesoSign: 'Php ' }).text).toBe('Php 1,500')
  })

  it('leaves ₱ alone when the configured pesoSign is not GSM-7 itself', () => {
    expect(smartEncode('“₱1”', { pesoSign: '₱' })).toEqual({ text: '“₱1”', replaced: [] })
  })

  it('turns "fancy" mathematical letters and ligatures into plain ones', () => {
    expect(encoded('𝐒𝐀𝐋𝐄 𝘯𝘢 ﬁ ½')).toBe('SALE na fi 1/2')
  })

  it('leaves a text unchanged when something in it cannot become GSM-7', () => {
    for (const text of [
      '“Salamat” 🙏',
      'Ingat ka 👨\u200d👩\u200d👧',
      '₱50 中文',
      'temp 30°C “ok”',
    ]) {
      expect(smartEncode(text)).toEqual({ text, replaced: [] })
    }
  })

  it('leaves a text unchanged when its GSM-7 form would need more parts', () => {
    const text = '₱'.repeat(70)
    expect(countSegments(text)).toBe(1)
    expect(smartEncode(text)).toEqual({ text, replaced: [] })
  })

  it('returns a GSM-7 text as it is', () => {
    const text = 'Your code is 123456. {Huwag ibigay} €5'
    expect(smartEncode(text)).toEqual({ text, replaced: [] })
  })
})

// Characters smartEncode promises to turn into GSM-7, beside GSM-7 characters themselves.
const REPLACEABLE = [
  ...'«»“”„‟″‶〝〞`´‘’‚‛′‵ʹʻʼʽˈˊˋ‐‑‒–—―−⁃•‣◦∙…‹›⁄∕÷×₱',
  ...'\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000',
  ...'\u0085\u2028\u2029\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff',
  ...'áíóúâêîôûÁÍÓÚÂÊÎÔÛçãõÃÕëïÿĀāčšžłıŠŁđĐœŒ',
  ...'ﬁﬂ½¼²ªº™',
  'a\u0301',
  'n\u0303',
  'E\u0301',
]
for (let code = 0xff01; code <= 0xff5e; code++) REPLACEABLE.push(String.fromCharCode(code))
for (const code of [0x1d400, 0x1d41a, 0x1d7ce, 0x1d5a0])
  REPLACEABLE.push(String.fromCodePoint(code))

const GSM = [...GSM7_DEFAULT_ALPHABET.replace('\x1b', ''), ...GSM7_EXTENSION]
const token = fc.oneof(fc.constantFrom(...GSM), fc.constantFrom(...REPLACEABLE))
const runs = { numRuns: 600, seed: 23_038 }

/** Applies the reported replacements to the original: must give the encoded text. */
const replay = (text: string, result: SmartEncodeResult): string => {
  let out = ''
  let at = 0
  for (const { from, to, index } of result.replaced) {
    expect(index).toBeGreaterThanOrEqual(at)
    expect(text.startsWith(from, index)).toBe(true)
    out += text.slice(at, index) + to
    at = index + from.length
  }
  return out + text.slice(at)
}

describe('smartEncode properties', () => {
  it('makes any short text of GSM-7 and replaceable characters pure GSM-7', () => {
    // ≤ 50 tokens of at most 3 septets each fit one GSM-7 part, so the result never needs
    // more parts than the original and the replacements are always made.
    fc.assert(
      fc.property(fc.array(token, { maxLength: 50, size: 'max' }), (tokens) => {
        const text = tokens.join('')
        const result = smartEncode(text)
        expect(isGsm7Text(result.text)).toBe(true)
        expect(replay(text, result)).toBe(result.text)
      }),
      runs,
    )
  })

  it('reports replacements in order at their original indices, and never adds parts', () => {
    const anyChar = fc.oneof(
      token,
      fc.integer({ min: 0x80, max: 0xffff }).map((code) => String.fromCharCode(code)),
      fc.integer({ min: 0x10000, max: 0x10ffff }).map((code) => String.fromCodePoint(code)),
    )
    fc.assert(
      fc.property(fc.array(anyChar, { maxLength: 400, size: 'max' }), (chars) => {
        const text = chars.join('')
        const result = smartEncode(text)
        expect(replay(text, result)).toBe(result.text)
        if (result.text !== text) {
          expect(isGsm7Text(result.text)).toBe(true)
          expect(countSegments(result.text)).toBeLessThanOrEqual(countSegments(text))
        } else {
          expect(result.replaced).toEqual([])
        }
      }),
      runs,
    )
  })
})
