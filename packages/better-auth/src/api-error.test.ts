import { IprogApiError, IprogTimeoutError, IprogValidationError } from '@iprog-sms/core'
import { IprogOtpAttemptsExceededError, IprogRateLimitError } from '@iprog-sms/core/server'
import { APIError } from 'better-auth/api'
import { describe, expect, it } from 'vitest'
import { toApiError } from './api-error.js'

describe('toApiError', () => {
  it('turns a limit into 429 with Retry-After', () => {
    const error = toApiError(new IprogRateLimitError('Wait before asking again', 41.2))
    expect(error).toBeInstanceOf(APIError)
    expect(error.statusCode).toBe(429)
    expect(error.headers).toMatchObject({ 'retry-after': '42' })
    expect(error.body).toMatchObject({
      code: 'RATE_LIMITED',
      message: 'Wait before asking again',
      retryAfter: 42,
    })
  })

  it('turns a spent attempt budget into 429', () => {
    expect(toApiError(new IprogOtpAttemptsExceededError(60)).body).toMatchObject({
      code: 'OTP_ATTEMPTS_EXCEEDED',
    })
  })

  it('turns bad input into 400 with its message', () => {
    const error = toApiError(new IprogValidationError('Phone number is empty', []))
    expect(error.statusCode).toBe(400)
    expect(error.body?.message).toBe('Phone number is empty')
  })

  it('never repeats the gateway words of a 5xx', () => {
    const error = toApiError(
      new IprogApiError('token abc123 refused', { gatewayMessage: 'token abc123 refused' }),
    )
    expect(error.statusCode).toBe(502)
    expect(JSON.stringify(error.body)).not.toContain('abc123')
  })

  it('turns a timeout into 504, saying the SMS may still arrive', () => {
    const error = toApiError(new IprogTimeoutError('No answer in 10000 ms', 10_000, true))
    expect(error.statusCode).toBe(504)
    expect(error.body).toMatchObject({ maybeDelivered: true })
  })

  it('passes an APIError through and hides an unknown error behind a 500', () => {
    const original = new APIError('BAD_REQUEST', { message: 'x' })
    expect(toApiError(original)).toBe(original)
    const hidden = toApiError(new Error('secret detail'))
    expect(hidden.statusCode).toBe(500)
    expect(JSON.stringify(hidden.body)).not.toContain('secret')
  })
})
