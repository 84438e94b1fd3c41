import { describe, expect, it } from 'vitest'
import { call, make, TOKEN } from '../../test/gateway-calls.js'
import type { Sandbox } from '../sandbox.js'

describe('otp', () => {
  const sendOtp = (sandbox: Sandbox, params: Record<string, unknown> = {}) =>
    call(sandbox, 'POST', '/api/v1/otp/send_otp', {
      api_token: TOKEN,
      phone_number: '09171234567',
      ...params,
    })
  const verify = (sandbox: Sandbox, otp: string, phone = '639171234567') =>
    call(sandbox, 'POST', '/api/v1/otp/verify_otp', { api_token: TOKEN, phone_number: phone, otp })

  it('sends a 6-digit code in the default message and answers the documented shape', async () => {
    const sandbox = make()
    const { body } = await sendOtp(sandbox)
    expect(body.status).toBe('success')
    expect(body.data.otp_code).toMatch(/^\d{6}$/)
    expect(body.data).toMatchObject({
      otp_code_expires_at: '2026-02-06T10:05:00.000+08:00',
      otp_code_confirmed: false,
      phone_number: '639171234567',
      message: `Your OTP code is ${body.data.otp_code}. It is valid for 5 minutes. Do not share this code with anyone.`,
    })
    expect(sandbox.messages()).toMatchObject([{ source: 'otp', message: body.data.message }])
  })

  it('fills :otp in a custom message with a code of the requested length and expiry', async () => {
    const sandbox = make()
    const { body } = await sendOtp(sandbox, {
      message: 'Code :otp',
      code_length: 4,
      expires_in_minutes: 10,
    })
    expect(body.data.otp_code).toMatch(/^\d{4}$/)
    expect(body.data.message).toBe(`Code ${body.data.otp_code}`)
    expect(body.data.otp_code_expires_at).toBe('2026-02-06T10:10:00.000+08:00')
  })

  it('verifies a code once, from either number form', async () => {
    const sandbox = make()
    const code = (await sendOtp(sandbox)).body.data.otp_code
    expect((await verify(sandbox, code === '000000' ? '111111' : '000000')).body).toEqual({
      status: 'error',
      message: 'Invalid or expired OTP.',
    })
    expect((await verify(sandbox, code, '09171234567')).body).toEqual({
      status: 'success',
      message: 'OTP verified successfully.',
    })
    expect((await verify(sandbox, code)).body.status).toBe('error')
  })

  it('refuses a code past its expiry on the sandbox clock', async () => {
    const sandbox = make()
    const code = (await sendOtp(sandbox)).body.data.otp_code
    sandbox.clock.advance(5 * 60_000 + 1)
    expect((await verify(sandbox, code)).body.status).toBe('error')
  })

  it('only accepts the latest code sent to a number', async () => {
    const sandbox = make()
    const first = (await sendOtp(sandbox)).body.data.otp_code
    const second = (await sendOtp(sandbox)).body.data.otp_code
    if (first !== second) expect((await verify(sandbox, first)).body.status).toBe('error')
    expect((await verify(sandbox, second)).body.status).toBe('success')
  })

  it('refuses a message without :otp and out-of-range lengths', async () => {
    const sandbox = make()
    expect((await sendOtp(sandbox, { message: 'no code' })).body.status).toBe(500)
    expect((await sendOtp(sandbox, { code_length: 3 })).body.status).toBe(500)
    expect((await sendOtp(sandbox, { expires_in_minutes: 61 })).body.status).toBe(500)
  })
})
