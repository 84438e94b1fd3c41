/**
 * The caps core's guard gained for issue 10, through better-auth: a daily cap per number, and a
 * cap on verifies per client address over any numbers (so one address cannot spread its guesses).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { type AuthHarness, startAuth } from './harness.js'

let h: AuthHarness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const verifyFrom = (harness: AuthHarness, phoneNumber: string, forwardedFor: string) =>
  fetch(`${harness.baseURL}/api/auth/phone-number/verify`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: harness.baseURL,
      'x-forwarded-for': forwardedFor,
    },
    body: JSON.stringify({ phoneNumber, code: '123456' }),
  })

describe.each(['message', 'gateway'] as const)('%s mode', (mode) => {
  it('caps codes per number per 24 hours (10 by default), past the hourly windows', async () => {
    h = await startAuth({ mode })
    const phone = '+639171234567'
    for (let i = 0; i < 10; i++) {
      expect((await h.authClient.phoneNumber.sendOtp({ phoneNumber: phone })).error).toBeNull()
      h.advance(13 * 60_000) // 4-5 sends an hour: under the hourly cap
    }
    h.advance(3_600_000)
    const eleventh = await h.authClient.phoneNumber.sendOtp({ phoneNumber: phone })
    expect(eleventh.error).toMatchObject({ status: 429, code: 'RATE_LIMITED' })
  })

  it('caps verifies per client address over any numbers', async () => {
    h = await startAuth({ mode, trustProxy: true, limits: { maxVerifiesPerIpPerHour: 3 } })
    for (let i = 1; i <= 3; i++) {
      const response = await verifyFrom(h, `+63917000000${i}`, '198.51.100.7')
      expect(response.status).toBe(400)
    }
    const fourth = await verifyFrom(h, '+639170000004', '198.51.100.7')
    expect(fourth.status).toBe(429)
    expect(fourth.headers.get('retry-after')).toMatch(/^\d+$/)
    expect((await verifyFrom(h, '+639170000004', '198.51.100.8')).status).toBe(400)
  })
})
