import { IprogValidationError } from '@iprog-sms/core'
import { describe, expect, it } from 'vitest'
import { prepareOtpText } from './otp-text.js'

const limits = { codeLength: 6, maxParts: 1, option: 'message' }

describe('prepareOtpText', () => {
  it('fills the code and counts the parts of the text actually sent', () => {
    const text = prepareOtpText('Code: :otp (valid 5 min)', limits)
    expect(text.fill('123456')).toBe('Code: 123456 (valid 5 min)')
    expect(text.parts).toBe(1)
  })

  it('makes lookalikes GSM-7 before counting', () => {
    expect(prepareOtpText('Your code is :otp — don’t share it', limits).template).toBe(
      "Your code is :otp - don't share it",
    )
  })

  it('refuses a template without :otp', () => {
    expect(() => prepareOtpText('Your code is {code}', limits)).toThrow(IprogValidationError)
  })

  it('refuses characters that would make the SMS UCS-2, naming them', () => {
    expect(() => prepareOtpText('Your code is :otp 🔐', limits)).toThrow(/GSM-7.*🔐/)
  })

  it('refuses a text past maxParts, counted with the longest code (160 septets fit, 161 do not)', () => {
    const fits = `${'a'.repeat(154)}:otp` // 154 + 6 digits = 160
    expect(prepareOtpText(fits, limits).parts).toBe(1)
    expect(() => prepareOtpText(`a${fits}`, limits)).toThrow(/needs 2 SMS parts/)
    expect(prepareOtpText(`a${fits}`, { ...limits, maxParts: 2 }).parts).toBe(2)
  })
})
