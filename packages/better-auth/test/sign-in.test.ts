/**
 * Sign-up, sign-in, attempt caps and cooldown through better-auth's own endpoints and client, in
 * both modes, with codes read from the sandbox.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { type AuthHarness, startAuth, wrongCode } from './harness.js'

const PHONE = '+639171234567'
const MINUTE = 60_000

let h: AuthHarness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

async function verifyCapturingCookie(harness: AuthHarness, phoneNumber: string, code: string) {
  let cookie = ''
  const result = await harness.authClient.phoneNumber.verify(
    { phoneNumber, code },
    {
      onResponse: (ctx) => {
        cookie = ctx.response.headers.get('set-cookie')?.split(';')[0] ?? ''
      },
    },
  )
  return { ...result, cookie }
}

describe.each(['message', 'gateway'] as const)('%s mode', (mode) => {
  it('signs a new number up and the same number in again, with the code from the SMS', async () => {
    h = await startAuth({ mode })
    const sent = await h.authClient.phoneNumber.sendOtp({ phoneNumber: PHONE })
    expect(sent.error).toBeNull()
    expect(sent.data).toEqual({ message: 'code sent' }) // never the code
    const signUp = await verifyCapturingCookie(h, PHONE, h.lastCode(PHONE))
    expect(signUp.error).toBeNull()
    expect(signUp.data?.user).toMatchObject({ phoneNumber: PHONE, phoneNumberVerified: true })
    expect(signUp.data?.token).toEqual(expect.any(String))

    const session = await h.authClient.getSession({
      fetchOptions: { headers: { cookie: signUp.cookie } },
    })
    expect(session.data?.user.id).toBe(signUp.data?.user.id)

    h.advance(MINUTE + 1000) // past the cooldown
    expect((await h.authClient.phoneNumber.sendOtp({ phoneNumber: PHONE })).error).toBeNull()
    const signIn = await verifyCapturingCookie(h, PHONE, h.lastCode(PHONE))
    expect(signIn.error).toBeNull()
    expect(signIn.data?.user.id).toBe(signUp.data?.user.id) // the same account, not a new one
    expect(h.db.user).toHaveLength(1)
  })

  it('sends each code as one GSM-7 part, in the text from the options', async () => {
    h = await startAuth({ mode, message: 'Ang iyong code ay :otp — huwag itong ibigay.' })
    await h.authClient.phoneNumber.sendOtp({ phoneNumber: PHONE })
    const [sms] = h.messagesTo(PHONE)
    expect(sms).toMatchObject({ encoding: 'GSM-7', parts: 1 })
    // The em dash was made GSM-7 (smartEncode) before sending.
    expect(sms?.message).toBe(`Ang iyong code ay ${h.lastCode(PHONE)} - huwag itong ibigay.`)
  })

  it('refuses a wrong code with 400, and the 6th attempt on a code with 429 even if right', async () => {
    h = await startAuth({ mode })
    await h.authClient.phoneNumber.sendOtp({ phoneNumber: PHONE })
    const code = h.lastCode(PHONE)
    for (let attempt = 1; attempt <= 5; attempt++) {
      const wrong = await h.authClient.phoneNumber.verify({
        phoneNumber: PHONE,
        code: wrongCode(code),
      })
      expect(wrong.error).toMatchObject({ status: 400, code: 'INVALID_OTP' })
    }
    const sixth = await h.authClient.phoneNumber.verify({ phoneNumber: PHONE, code })
    expect(sixth.error).toMatchObject({ status: 429, code: 'OTP_ATTEMPTS_EXCEEDED' })
    expect(sixth.data).toBeNull()
    expect(h.db.user).toHaveLength(0)
    expect(h.db.session).toHaveLength(0)
  })

  it('refuses a second send inside the cooldown with 429 and Retry-After, and sends nothing', async () => {
    h = await startAuth({ mode })
    expect((await h.authClient.phoneNumber.sendOtp({ phoneNumber: PHONE })).error).toBeNull()
    const second = await fetch(`${h.baseURL}/api/auth/phone-number/send-otp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: h.baseURL },
      body: JSON.stringify({ phoneNumber: PHONE }),
    })
    expect(second.status).toBe(429)
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0)
    const body = await second.json()
    expect(body).toMatchObject({ code: 'RATE_LIMITED' })
    expect(JSON.stringify(body)).not.toContain(h.lastCode(PHONE))
    expect(h.messagesTo(PHONE)).toHaveLength(1)

    const viaClient = await h.authClient.phoneNumber.sendOtp({ phoneNumber: PHONE })
    expect(viaClient.error).toMatchObject({ status: 429 })
  })

  it('spends a code once: the same right code does not verify twice', async () => {
    h = await startAuth({ mode })
    await h.authClient.phoneNumber.sendOtp({ phoneNumber: PHONE })
    const code = h.lastCode(PHONE)
    expect((await h.authClient.phoneNumber.verify({ phoneNumber: PHONE, code })).error).toBeNull()
    const replay = await h.authClient.phoneNumber.verify({ phoneNumber: PHONE, code })
    expect(replay.error).toMatchObject({ status: 400, code: 'INVALID_OTP' })
  })

  it('kills the previous code when a new one is sent', async () => {
    h = await startAuth({ mode })
    await h.authClient.phoneNumber.sendOtp({ phoneNumber: PHONE })
    const first = h.lastCode(PHONE)
    h.advance(MINUTE + 1000)
    await h.authClient.phoneNumber.sendOtp({ phoneNumber: PHONE })
    const second = h.lastCode(PHONE)
    if (first !== second) {
      const old = await h.authClient.phoneNumber.verify({ phoneNumber: PHONE, code: first })
      expect(old.error).toMatchObject({ status: 400 })
    }
    expect(
      (await h.authClient.phoneNumber.verify({ phoneNumber: PHONE, code: second })).error,
    ).toBeNull()
  })
})
