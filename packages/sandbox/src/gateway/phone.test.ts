import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkGatewayPhone, prefixToGatewayForm } from './phone.js'

describe('checkGatewayPhone', () => {
  it('accepts 639XXXXXXXXX as is and 09XXXXXXXXX in 639 form', () => {
    expect(checkGatewayPhone('639171234567')).toBe('639171234567')
    expect(checkGatewayPhone('09171234567')).toBe('639171234567')
  })

  it('accepts exactly the two documented forms (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('0', '3', '6', '9', '1', '+', ' ', '-'), maxLength: 14 }),
        (text) => {
          const accepted = /^(639|09)\d{9}$/.test(text)
          expect(checkGatewayPhone(text) !== undefined).toBe(accepted)
        },
      ),
    )
  })
})

describe('prefixToGatewayForm', () => {
  it.each([
    ['0918', '63918'],
    ['918', '63918'],
    ['+63 918', '63918'],
    ['639181234567', '639181234567'],
  ])('reads %j as %j', (input, expected) => {
    expect(prefixToGatewayForm(input)).toBe(expected)
  })
})
