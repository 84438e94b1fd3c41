import { describe, expect, it } from 'vitest'
import { createClient } from '../src/client/create-client.js'
import { IprogApiError, IprogAuthError, IprogValidationError } from '../src/errors.js'
import { invalidToken, success, TOKEN } from './gateway-bodies.js'
import { useRecordingServer } from './recording-server.js'

const gw = useRecordingServer()

const client = () => createClient({ apiToken: TOKEN, baseUrl: gw.url, retry: false })
const otpData = {
  otp_code: '012345',
  otp_code_expires_at: '2026-02-06T10:05:00.000+08:00',
  otp_code_confirmed: false,
  phone_number: '639171234567',
  message: 'Your OTP code is 012345.',
}

describe('account.credits', () => {
  it('GETs the singular account path with the token in the query', async () => {
    gw.script({ body: success({ load_balance: 10.5 }, 'Account found.') })
    const credits = await client().account.credits()
    expect(gw.requests[0]).toMatchObject({
      method: 'GET',
      path: '/api/v1/account/sms_credits',
      query: { api_token: TOKEN },
    })
    expect(credits.balance).toBe(10.5)
    expect(credits.raw).toEqual(success({ load_balance: 10.5 }, 'Account found.'))
  })

  it('refuses a success answer without a balance as an unexpected shape', async () => {
    gw.script({ body: success({}) })
    await expect(client().account.credits()).rejects.toBeInstanceOf(IprogApiError)
  })
})

describe('otp.send', () => {
  it('sends only the fields given and keeps the code a string', async () => {
    gw.script({ body: success(otpData, 'OTP sent.') })
    const sent = await client().otp.send({ to: '0917 123 4567' })
    expect(gw.requests[0]?.path).toBe('/api/v1/otp/send_otp')
    expect(JSON.parse(gw.requests[0]?.body ?? '')).toEqual({
      api_token: TOKEN,
      phone_number: '639171234567',
    })
    expect(sent).toMatchObject({
      to: '639171234567',
      code: '012345',
      expiresAt: new Date('2026-02-06T02:05:00.000Z'),
      message: 'Your OTP code is 012345.',
    })
  })

  it('passes message, code length and expiry when given', async () => {
    gw.script({ body: success(otpData) })
    await client().otp.send({
      to: '09171234567',
      message: 'Code :otp',
      codeLength: 4,
      expiresInMinutes: 10,
    })
    expect(JSON.parse(gw.requests[0]?.body ?? '')).toMatchObject({
      message: 'Code :otp',
      code_length: '4',
      expires_in_minutes: '10',
    })
  })

  it('refuses a message without :otp and out-of-range lengths locally', async () => {
    const error = await client()
      .otp.send({ to: '09171234567', message: 'Your code', codeLength: 3, expiresInMinutes: 61 })
      .catch((e) => e)
    expect(error).toBeInstanceOf(IprogValidationError)
    expect(error.issues.map((i: { path: string[] }) => i.path[0])).toEqual([
      'message',
      'codeLength',
      'expiresInMinutes',
    ])
    expect(gw.requests).toHaveLength(0)
  })
})

describe('otp.verify', () => {
  it('answers verified: true for a success body', async () => {
    gw.script({ body: { status: 'success', message: 'OTP verified.' } })
    const result = await client().otp.verify({ to: '09171234567', code: '012345' })
    expect(JSON.parse(gw.requests[0]?.body ?? '')).toEqual({
      api_token: TOKEN,
      phone_number: '639171234567',
      otp: '012345',
    })
    expect(result).toMatchObject({ verified: true, message: 'OTP verified.' })
  })

  it('answers verified: false for a wrong or expired code, on HTTP 200 or 4xx', async () => {
    for (const status of [200, 422]) {
      gw.script({ status, body: { status: 'error', message: 'Invalid or expired OTP.' } })
      const result = await client().otp.verify({ to: '09171234567', code: '999999' })
      expect(result).toMatchObject({ verified: false, message: 'Invalid or expired OTP.' })
    }
  })

  it('still throws for a bad token, even in an error-status body', async () => {
    gw.script({ body: { status: 'error', message: 'Invalid api token or no load balance' } })
    await expect(client().otp.verify({ to: '09171234567', code: '123456' })).rejects.toBeInstanceOf(
      IprogAuthError,
    )
    gw.script({ body: invalidToken })
    await expect(client().otp.verify({ to: '09171234567', code: '123456' })).rejects.toBeInstanceOf(
      IprogAuthError,
    )
  })

  it('throws for a gateway fault (5xx)', async () => {
    gw.script({ status: 500, body: { status: 'error', message: 'Server error' } })
    await expect(client().otp.verify({ to: '09171234567', code: '123456' })).rejects.toBeInstanceOf(
      IprogApiError,
    )
  })

  it('refuses a code that is not 4 to 10 digits locally', async () => {
    await expect(client().otp.verify({ to: '09171234567', code: '12a' })).rejects.toBeInstanceOf(
      IprogValidationError,
    )
    expect(gw.requests).toHaveLength(0)
  })
})
