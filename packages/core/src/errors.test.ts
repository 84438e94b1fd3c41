import { describe, expect, it } from 'vitest'
import {
  IprogApiError,
  IprogAuthError,
  IprogError,
  IprogTimeoutError,
  IprogValidationError,
  isIprogError,
} from './errors.js'

describe('errors', () => {
  it('gives every subclass its stable code and own name', () => {
    expect(new IprogValidationError('bad').code).toBe('validation_error')
    expect(new IprogAuthError('no').code).toBe('auth_error')
    expect(new IprogAuthError('no')).toBeInstanceOf(IprogApiError)
    expect(new IprogTimeoutError('slow', 10, true).name).toBe('IprogTimeoutError')
  })

  it('recognises an error by its brand, even from another copy of the package', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('iprog-sms.error')]: true })
    expect(isIprogError(foreign)).toBe(true)
    expect(isIprogError(new Error('x'))).toBe(false)
    expect(isIprogError(new IprogError('x', 'y'))).toBe(true)
    expect(isIprogError(null)).toBe(false)
  })

  it('serialises to plain data without stack or cause', () => {
    const err = new IprogApiError(
      'refused',
      { gatewayMessage: 'nope', httpStatus: 402 },
      { cause: new Error('secret') },
    )
    const json = JSON.parse(JSON.stringify(err))
    expect(json).toEqual({
      name: 'IprogApiError',
      code: 'api_error',
      message: 'refused',
      gatewayMessage: 'nope',
      httpStatus: 402,
    })
    expect(JSON.stringify(err)).not.toContain('secret')
  })

  it('lists at least one issue on a validation error', () => {
    expect(new IprogValidationError('Message is empty').issues).toEqual([
      { path: [], message: 'Message is empty' },
    ])
  })
})
