import { createAuthClient } from 'better-auth/client'
import { phoneNumberClient } from 'better-auth/client/plugins'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningApp, startApp } from './main.js'

describe('the better-auth example app', () => {
  let app: RunningApp

  beforeAll(async () => {
    app = await startApp({ port: 0, env: {} })
  })
  afterAll(() => app?.close())

  it('signs in by phone with the code from the sandbox, then serves /me', async () => {
    const authClient = createAuthClient({ baseURL: app.url, plugins: [phoneNumberClient()] })
    const sent = await authClient.phoneNumber.sendOtp({ phoneNumber: '0917 123 4567' })
    expect(sent.error).toBeNull()
    const sms = app.sandbox?.sandbox.messages({ to: '09171234567' }).at(-1)
    const code = /\d{6}/.exec(sms?.message ?? '')?.[0] ?? ''

    let cookie = ''
    const verified = await authClient.phoneNumber.verify(
      { phoneNumber: '0917 123 4567', code },
      {
        onResponse: (ctx) => {
          cookie = ctx.response.headers.get('set-cookie')?.split(';')[0] ?? ''
        },
      },
    )
    expect(verified.error).toBeNull()
    expect(verified.data?.user).toMatchObject({ phoneNumber: '+639171234567' })

    const me = await fetch(`${app.url}/me`, { headers: { cookie } })
    expect(me.status).toBe(200)
    expect(await me.json()).toMatchObject({ user: { phoneNumber: '+639171234567' } })
    expect((await fetch(`${app.url}/me`)).status).toBe(401)
  })

  it('shares the OTP limits with the /sms routes', async () => {
    const authClient = createAuthClient({ baseURL: app.url, plugins: [phoneNumberClient()] })
    expect(
      (await authClient.phoneNumber.sendOtp({ phoneNumber: '+639181234567' })).error,
    ).toBeNull()
    const again = await fetch(`${app.url}/sms/otp/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: '0918 123 4567' }),
    })
    expect(again.status).toBe(429)
    expect(again.headers.get('retry-after')).toMatch(/^\d+$/)
  })
})
