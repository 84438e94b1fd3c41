import { describe, expect, it } from 'vitest'
import { redact } from './redact.js'

describe('redact', () => {
  it('redacts api_token parameters whatever their value', () => {
    expect(redact('https://x/s?message_id=1&api_token=abc&x=2', undefined)).toBe(
      'https://x/s?message_id=1&api_token=[REDACTED]&x=2',
    )
    expect(redact('API_TOKEN=zzz', undefined)).toBe('API_TOKEN=[REDACTED]')
  })

  it('redacts the literal token, raw and URL-encoded', () => {
    const token = 'abc/def+ghi=1234'
    expect(redact(`token ${token} and ${encodeURIComponent(token)}`, token)).toBe(
      'token [REDACTED] and [REDACTED]',
    )
  })

  it('leaves text alone for a token too short to be a real secret', () => {
    expect(redact('test message', 'test')).toBe('test message')
  })
})
