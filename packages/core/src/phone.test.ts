import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { IprogValidationError, isIprogError } from './errors.js'
import { normalizePhone, parsePhone } from './phone.js'

const FULL_WIDTH_ZERO = 0xff10

describe('normalizePhone', () => {
  it.each([
    '+63 917 123 4567',
    '+639171234567',
    '0063 917 123 4567',
    '(0917) 123-4567',
    '0917.123.4567',
    '0917-123-4567',
    '09171234567',
    '9171234567',
    '639171234567',
    '+63 (0) 917 123 4567',
    '  0917 123 4567  ',
    '０９１７１２３４５６７',
    '＋６３　９１７　１２３　４５６７',
  ])('reads %j as 639171234567', (input) => {
    expect(normalizePhone(input)).toBe('639171234567')
  })

  it.each([
    ['', 'phone_empty', /empty/],
    ['   ', 'phone_empty', /empty/],
    ['0917 CALL ME', 'phone_letters', /letters/],
    ['0917#1234567', 'phone_characters', /only digits/],
    ['0917 123', 'phone_too_short', /too short/],
    ['0917 123 45678', 'phone_too_long', /too long/],
    ['02 8123 4567', 'phone_not_mobile', /Not a mobile number/],
    ['+1 415 555 2671', 'phone_country', /another country/],
    ['0065 9123 4567', 'phone_country', /another country/],
  ])('refuses %j with a reason (%s)', (input, code, reason) => {
    const parsed = parsePhone(input)
    expect(parsed).toMatchObject({ ok: false, code })
    expect(() => normalizePhone(input)).toThrow(reason)
    try {
      normalizePhone(input)
    } catch (error) {
      expect(error).toBeInstanceOf(IprogValidationError)
      expect((error as IprogValidationError).issues[0]?.code).toBe(code)
    }
  })

  it('refuses a value that is not a string without throwing a TypeError', () => {
    expect(parsePhone(9171234567 as unknown as string)).toMatchObject({ ok: false })
    expect(() => normalizePhone(null as unknown as string)).toThrow(IprogValidationError)
  })
})

describe('phone properties', () => {
  const subscriber = fc.stringMatching(/^9\d{9}$/)
  const separator = fc.constantFrom('', ' ', '-', '.', '  ')
  const toFullWidth = (text: string) =>
    text.replace(/\d/g, (d) => String.fromCharCode(FULL_WIDTH_ZERO + Number(d)))

  it('normalises every accepted form of a valid number to the same value', () => {
    fc.assert(
      fc.property(
        subscriber,
        fc.constantFrom('+63', '63', '0', '', '0063', '+63 (0)'),
        separator,
        separator,
        fc.boolean(),
        fc.boolean(),
        (national, prefix, sep1, sep2, parens, fullWidth) => {
          const area = national.slice(0, 3)
          const head = prefix === '0' && parens ? `(0${area})` : `${prefix}${sep1}${area}`
          let text = `${head}${sep1}${national.slice(3, 6)}${sep2}${national.slice(6)}`
          if (fullWidth) text = toFullWidth(text)
          expect(normalizePhone(text)).toBe(`63${national}`)
        },
      ),
    )
  })

  it('never throws anything but IprogValidationError, and accepts only 639 + 9 digits', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'grapheme' }),
          fc.stringMatching(/^[\d +()-]{0,16}$/),
        ),
        (input) => {
          try {
            expect(normalizePhone(input)).toMatch(/^639\d{9}$/)
          } catch (error) {
            expect(error).toBeInstanceOf(IprogValidationError)
            expect(isIprogError(error)).toBe(true)
          }
        },
      ),
    )
  })

  it('parsePhone never throws on any value', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(typeof parsePhone(value as string).ok).toBe('boolean')
      }),
    )
  })
})
