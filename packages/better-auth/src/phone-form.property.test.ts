import { normalizePhone, parsePhone } from '@iprog-sms/core'
import { APIError } from 'better-auth/api'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkPhoneNumber, toE164Phone } from './phone-form.js'

// Any PH mobile number, in the spellings people type.
const mobile = fc
  .tuple(fc.integer({ min: 900, max: 999 }), fc.integer({ min: 0, max: 9_999_999 }))
  .map(([prefix, rest]) => `${prefix}${String(rest).padStart(7, '0')}`)
const spelling = fc
  .tuple(mobile, fc.constantFrom('+63', '63', '0', '', '+63 ', '0'))
  .map(([digits, lead]) => `${lead}${digits}`)

describe('checkPhoneNumber (property)', () => {
  it('accepts exactly what parsePhone accepts (any form), giving the same 639… value', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), spelling), (input) => {
        const parsed = parsePhone(input)
        if (parsed.ok) {
          expect(checkPhoneNumber(input, 'any')).toBe(parsed.value)
        } else {
          expect(() => checkPhoneNumber(input, 'any')).toThrow(APIError)
        }
      }),
    )
  })

  it("with 'e164', accepts one spelling per number: the one toE164Phone gives", () => {
    fc.assert(
      fc.property(spelling, (input) => {
        const canonical = toE164Phone(input)
        expect(canonical).toMatch(/^\+639\d{9}$/)
        expect(checkPhoneNumber(canonical, 'e164')).toBe(normalizePhone(input))
        if (input !== canonical) expect(() => checkPhoneNumber(input, 'e164')).toThrow(APIError)
      }),
    )
  })

  it('refuses every non-string with a 400 APIError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.constant(null), fc.object()), (input) => {
        try {
          checkPhoneNumber(input, 'any')
          expect.unreachable()
        } catch (error) {
          expect(error).toBeInstanceOf(APIError)
          expect((error as APIError).statusCode).toBe(400)
        }
      }),
    )
  })
})
