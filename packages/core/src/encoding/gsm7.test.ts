import { describe, expect, it } from 'vitest'
import {
  GSM7_DEFAULT_ALPHABET,
  GSM7_EXTENSION,
  gsm7Length,
  gsm7Widths,
  isGsm7Char,
  isGsm7Text,
  NOT_GSM7,
  scanGsm7,
} from './gsm7.js'

// Septets the lookup table gives a code unit: 1, 2, or 0 when it is in neither table.
const tableSeptets = (code: number): number => (gsm7Widths()[code] as number) % NOT_GSM7

describe('GSM-7 tables', () => {
  it('holds the 128 septets of the default alphabet in TS 23.038 order', () => {
    expect(GSM7_DEFAULT_ALPHABET).toHaveLength(128)
    const at = (septet: number) => GSM7_DEFAULT_ALPHABET[septet]
    expect([at(0x00), at(0x01), at(0x02), at(0x09), at(0x0a), at(0x0d)]).toEqual([
      '@',
      '£',
      '$',
      'Ç',
      '\n',
      '\r',
    ])
    expect([
      at(0x10),
      at(0x1b),
      at(0x1f),
      at(0x24),
      at(0x40),
      at(0x5f),
      at(0x60),
      at(0x7f),
    ]).toEqual(['Δ', '\x1b', 'É', '¤', '¡', '§', '¿', 'à'])
  })

  it('holds the ten extension characters', () => {
    expect([...GSM7_EXTENSION]).toEqual(['\f', '^', '{', '}', '\\', '[', '~', ']', '|', '€'])
  })

  it('accepts every character of the default alphabet at 1 septet', () => {
    for (const char of '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ ¤¡ÄÖÑÜ§¿äöñüàAz09!?') {
      expect(tableSeptets(char.charCodeAt(0)), char).toBe(1)
      expect(isGsm7Char(char)).toBe(true)
    }
  })

  it('gives exactly the spec tables their widths, code unit by code unit', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code)
      const width = GSM7_EXTENSION.includes(char)
        ? 2
        : GSM7_DEFAULT_ALPHABET.includes(char) && code !== 0x1b
          ? 1
          : 0
      if (tableSeptets(code) !== width)
        expect(tableSeptets(code), `U+${code.toString(16)}`).toBe(width)
    }
  })

  it('charges 2 septets for each extension character, form feed and € included', () => {
    for (const char of '\f^{}\\[~]|€') expect(tableSeptets(char.charCodeAt(0)), char).toBe(2)
  })

  it('refuses tab, ESC, backtick and look-alikes that are not in the tables', () => {
    for (const char of ['\t', '\x1b', '`', 'ç', 'á', 'í', 'ó', 'ú', '₱', '“', '–', '\u00a0']) {
      expect(isGsm7Char(char), JSON.stringify(char)).toBe(false)
    }
    expect(isGsm7Char('\u03a9')).toBe(true)
    // U+2126 OHM SIGN looks like Ω but is not U+03A9.
    expect(isGsm7Char('\u2126')).toBe(false)
    expect(isGsm7Char('ab')).toBe(false)
    expect(isGsm7Char('')).toBe(false)
  })

  it('refuses every code unit that is in neither table', () => {
    const allowed = new Set(GSM7_DEFAULT_ALPHABET.replace('\x1b', '') + GSM7_EXTENSION)
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code)
      const expected = allowed.has(char) ? (GSM7_EXTENSION.includes(char) ? 2 : 1) : 0
      if (tableSeptets(code) !== expected)
        expect(tableSeptets(code), `U+${code.toString(16)}`).toBe(expected)
    }
  })

  it('tells whether a whole text is GSM-7', () => {
    expect(isGsm7Text('')).toBe(true)
    expect(isGsm7Text('Salamat po, Señor Niño! {€5}')).toBe(true)
    expect(isGsm7Text('Magandáng umaga')).toBe(false)
  })

  it('measures septets block by block and spots a foreign character wherever it sits', () => {
    // Extension characters make every block as heavy as GSM-7 allows (2 × 4 = 8).
    const heavy = '€'.repeat(200)
    expect(gsm7Length(heavy)).toBe(400)
    expect(gsm7Length('')).toBe(0)
    for (let at = 0; at < heavy.length; at++) {
      const text = heavy.slice(0, at) + 'á' + heavy.slice(at + 1)
      if (gsm7Length(text) !== -1) expect(gsm7Length(text), `á at ${at}`).toBe(-1)
    }
  })

  it('stops the scan at the block of the first foreign unit, never past it', () => {
    // scanGsm7's contract for analyzeMessage: -1 - at, with only GSM-7 before `at` and the first
    // foreign unit at most 3 units after it, for every length and position (the 0-3 unit tail too).
    for (let length = 1; length <= 13; length++) {
      for (let foreign = 0; foreign < length; foreign++) {
        const text = `${'€'.repeat(foreign)}á${'a'.repeat(length - foreign - 1)}`
        const at = -1 - scanGsm7(text)
        expect(at, text).toBeLessThanOrEqual(foreign)
        expect(foreign - at, text).toBeLessThanOrEqual(3)
      }
      expect(scanGsm7('{'.repeat(length))).toBe(2 * length)
    }
  })
})
