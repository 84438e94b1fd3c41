/**
 * The guard's limits as the SMS routes apply them: one store binds both paths, per-address caps
 * follow the `trustProxy` rule, gateway faults leave as 502/504 without the token or a code.
 */
import { createMemoryStore, createSmsService } from '@iprog-sms/core/server'
import { afterEach, describe, expect, it } from 'vitest'
import { type AuthHarness, startAuth, TOKEN } from './harness.js'

let h: AuthHarness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const sendFrom = (harness: AuthHarness, phoneNumber: string, forwardedFor?: string) =>
  fetch(`${harness.baseURL}/api/auth/phone-number/send-otp`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: harness.baseURL,
      ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
    },
    body: JSON.stringify({ phoneNumber }),
  })

describe('limits shared with the SMS routes', () => {
  it.each(['message', 'gateway'] as const)(
    '%s mode: a number limited through POST /otp/send is limited in better-auth, and back',
    async (mode) => {
      h = await startAuth({ mode })
      const routes = createSmsService({ client: h.client, authorize: () => false, store: h.store })
      await routes.invoke('otp.send', { input: { to: '09171234567' }, ip: '203.0.113.9' })
      const limited = await h.authClient.phoneNumber.sendOtp({ phoneNumber: '+639171234567' })
      expect(limited.error).toMatchObject({ status: 429, code: 'RATE_LIMITED' })

      expect(
        (await h.authClient.phoneNumber.sendOtp({ phoneNumber: '+639181234567' })).error,
      ).toBeNull()
      await expect(
        routes.invoke('otp.send', { input: { to: '0918 123 4567' }, ip: '203.0.113.9' }),
      ).rejects.toMatchObject({ code: 'rate_limited' })
    },
  )

  it('caps sends per number per hour across codes (5 by default)', async () => {
    h = await startAuth()
    for (let i = 0; i < 5; i++) {
      expect(
        (await h.authClient.phoneNumber.sendOtp({ phoneNumber: '+639171234567' })).error,
      ).toBeNull()
      h.advance(61_000)
    }
    const sixth = await h.authClient.phoneNumber.sendOtp({ phoneNumber: '+639171234567' })
    expect(sixth.error).toMatchObject({ status: 429 })
    expect(h.messagesTo('+639171234567')).toHaveLength(5)
  })
})

describe('per-address caps', () => {
  it('with trustProxy, counts the forwarded address', async () => {
    h = await startAuth({ trustProxy: true, limits: { maxSendsPerIpPerHour: 2 } })
    expect((await sendFrom(h, '+639170000001', '198.51.100.1')).status).toBe(200)
    expect((await sendFrom(h, '+639170000002', '198.51.100.1')).status).toBe(200)
    const third = await sendFrom(h, '+639170000003', '198.51.100.1')
    expect(third.status).toBe(429)
    expect(third.headers.get('retry-after')).toMatch(/^\d+$/)
    expect((await sendFrom(h, '+639170000004', '198.51.100.2')).status).toBe(200)
  })

  it('without trustProxy, ignores X-Forwarded-For (one shared budget) and warns once', async () => {
    h = await startAuth({ limits: { maxSendsPerIpPerHour: 2 } })
    expect((await sendFrom(h, '+639170000001', '198.51.100.1')).status).toBe(200)
    expect((await sendFrom(h, '+639170000002', '198.51.100.2')).status).toBe(200)
    expect((await sendFrom(h, '+639170000003', '198.51.100.3')).status).toBe(429)
    const warnings = h.logs.filter(
      ([level, message]) => level === 'warn' && String(message).includes('unknown'),
    )
    expect(warnings).toHaveLength(1)
  })

  it('getClientIp overrides trustProxy', async () => {
    h = await startAuth({
      trustProxy: true,
      getClientIp: (ctx) => ctx?.request?.headers.get('x-client-ip') ?? undefined,
      limits: { maxSendsPerIpPerHour: 1 },
    })
    const send = (phoneNumber: string, ip: string) =>
      fetch(`${h?.baseURL}/api/auth/phone-number/send-otp`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: h?.baseURL ?? '',
          'x-client-ip': ip,
          'x-forwarded-for': '198.51.100.1',
        },
        body: JSON.stringify({ phoneNumber }),
      })
    expect((await send('+639170000001', '192.0.2.1')).status).toBe(200)
    expect((await send('+639170000002', '192.0.2.2')).status).toBe(200)
    expect((await send('+639170000003', '192.0.2.1')).status).toBe(429)
  })
})

describe('gateway faults', () => {
  it.each(['message', 'gateway'] as const)(
    '%s mode: a gateway failure is a 502 without the token, the code or the gateway words',
    async (mode) => {
      h = await startAuth({ mode })
      h.sandbox.faults.add({ kind: 'gateway-error', message: `boom ${TOKEN}` })
      const response = await sendFrom(h, '+639171234567')
      expect(response.status).toBe(502)
      const text = await response.text()
      expect(text).not.toContain(TOKEN)
      expect(text).not.toContain('boom')
      expect(JSON.parse(text)).toMatchObject({ code: 'API_ERROR' })
      const logged = JSON.stringify(h.logs)
      expect(logged).toContain('sending a code failed')
      expect(logged).not.toContain(TOKEN)
    },
  )

  it('gateway mode: the gateway\'s "not found" on a verify is a wrong code (400), an unreachable gateway a 502', async () => {
    h = await startAuth({ mode: 'gateway' })
    await h.authClient.phoneNumber.sendOtp({ phoneNumber: '+639171234567' })
    const code = h.lastCode('+639171234567')
    h.sandbox.faults.add({
      kind: 'gateway-error',
      path: '/api/v1/otp/verify_otp',
      message: 'OTP not found.',
    })
    const notFound = await h.authClient.phoneNumber.verify({ phoneNumber: '+639171234567', code })
    expect(notFound.error).toMatchObject({ status: 400, code: 'INVALID_OTP' })
    h.sandbox.faults.add({ kind: 'reset', path: '/api/v1/otp/verify_otp' })
    const fault = await h.authClient.phoneNumber.verify({ phoneNumber: '+639171234567', code })
    expect(fault.error).toMatchObject({ status: 502 })
    // Neither answer spent the code's chance: the gateway never checked it.
    expect(
      (await h.authClient.phoneNumber.verify({ phoneNumber: '+639171234567', code })).error,
    ).toBeNull()
  })

  it('the token refused by the gateway is a 502 for the user, not a 401', async () => {
    h = await startAuth({ mode: 'gateway' })
    h.sandbox.removeToken(TOKEN)
    const response = await sendFrom(h, '+639171234567')
    expect(response.status).toBe(502)
    expect(await response.json()).toMatchObject({ code: 'AUTH_ERROR' })
  })
})

describe('a full counter store', () => {
  it('refuses new numbers with 503 rather than forget a live limit, and sends nothing', async () => {
    // A send takes three keys for the number and one for the address (plus the ledger's two).
    h = await startAuth({ store: createMemoryStore({ maxEntries: 8 }) })
    expect(
      (await h.authClient.phoneNumber.sendOtp({ phoneNumber: '+639170000001' })).error,
    ).toBeNull()
    const full = await h.authClient.phoneNumber.sendOtp({ phoneNumber: '+639170000002' })
    expect(full.error).toMatchObject({ status: 503, code: 'STORE_FULL' })
    expect(h.messagesTo('+639170000002')).toHaveLength(0)
    // The live limits of the first number still hold.
    const again = await h.authClient.phoneNumber.sendOtp({ phoneNumber: '+639170000001' })
    expect(again.error).toMatchObject({ status: 429 })
  })
})
