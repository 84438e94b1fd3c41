import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { requireJsonBody } from './json-only.js'

const accepts = (contentType: string | undefined) => {
  try {
    requireJsonBody(contentType)
    return true
  } catch (error) {
    expect(error).toMatchObject({ code: 'unsupported_media_type' })
    return false
  }
}

describe('requireJsonBody', () => {
  it('takes JSON media types with any parameters and case', () => {
    for (const type of [
      'application/json',
      'Application/JSON; charset=utf-8',
      'application/problem+json',
    ]) {
      expect(accepts(type)).toBe(true)
    }
  })

  it('refuses what a cross-site form or no-cors fetch can send, and no type at all', () => {
    for (const type of [
      undefined,
      '',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'text/json',
    ]) {
      expect(accepts(type)).toBe(false)
    }
  })

  it('accepts a type exactly when its essence is application/json or application/*+json', () => {
    const essence = fc.oneof(
      fc.constantFrom('application/json', 'text/plain', 'application/x+json'),
      fc.string(),
    )
    fc.assert(
      fc.property(essence, fc.string(), (type, parameters) => {
        fc.pre(!type.includes(';'))
        const essenceOk = /^application\/([\w.-]+\+)?json$/.test(type.trim().toLowerCase())
        expect(accepts(`${type};${parameters}`)).toBe(essenceOk)
      }),
    )
  })
})
