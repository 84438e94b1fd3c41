import { describe, expect, it } from 'vitest'
import { headerValue, toHeaders } from './request-headers.js'

describe('headerValue', () => {
  it('reads one header from Headers, a Node header record or pairs, as toHeaders would', () => {
    const inputs = [
      new Headers({ 'content-length': '12', 'x-forwarded-for': '1.1.1.1' }),
      { 'content-length': '12', 'x-forwarded-for': ['1.1.1.1'] },
      { 'Content-Length': 12, 'X-Forwarded-For': '1.1.1.1' },
      [
        ['content-length', '12'],
        ['x-forwarded-for', '1.1.1.1'],
      ] as [string, string][],
    ]
    for (const input of inputs) {
      expect(headerValue(input, 'content-length')).toBe('12')
      expect(headerValue(input, 'x-forwarded-for')).toBe(toHeaders(input).get('x-forwarded-for'))
      expect(headerValue(input, 'x-api-key')).toBeNull()
    }
    expect(headerValue(undefined, 'content-length')).toBeNull()
    expect(headerValue({ 'set-cookie': ['a', 'b'] }, 'set-cookie')).toBe('a, b')
  })
})
