/**
 * Password reset by phone (`/phone-number/request-password-reset`, `/phone-number/reset-password`)
 * behind the same guard, in both modes; in gateway mode the reset path must not pass with any code
 * that the gateway did not issue and check for a reset (better-auth issue #10697).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { type AuthHarness, startAuth, wrongCode } from './harness.js'

const PHONE = '+639181234567'
const MINUTE = 60_000
const NEW_PASSWORD = 'a-new-password-123'

let h: AuthHarness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

async function signUp(harness: AuthHarness): Promise<void> {
  await harness.authClient.phoneNumber.sendOtp({ phoneNumber: PHONE })
  const verified = await harness.authClient.phoneNumber.verify({
    phoneNumber: PHONE,
    code: harness.lastCode(PHONE),
  })
  expect(verified.error).toBeNull()
  harness.advance(MINUTE + 1000)
}

const signInWithPassword = (harness: AuthHarness, password: string) =>
  harness.authClient.signIn.phoneNumber({ phoneNumber: PHONE, password })

const reset = (harness: AuthHarness, otp: string) =>
  harness.authClient.phoneNumber.resetPassword({
    phoneNumber: PHONE,
    otp,
    newPassword: NEW_PASSWORD,
  })

describe.each(['message', 'gateway'] as const)('%s mode', (mode) => {
  it('resets the password only with the code sent for the reset', async () => {
    h = await startAuth({ mode })
    await signUp(h)
    const requested = await h.authClient.phoneNumber.requestPasswordReset({ phoneNumber: PHONE })
    expect(requested.data).toEqual({ status: true })
    const code = h.lastCode(PHONE)
    expect(h.messagesTo(PHONE).at(-1)?.message).toContain('password reset code')

    const wrong = await reset(h, wrongCode(code))
    expect(wrong.error).toMatchObject({ status: 400, code: 'INVALID_OTP' })
    expect((await signInWithPassword(h, NEW_PASSWORD)).error).toMatchObject({ status: 401 })

    expect((await reset(h, code)).error).toBeNull()
    const signIn = await signInWithPassword(h, NEW_PASSWORD)
    expect(signIn.error).toBeNull()
    expect(signIn.data?.user).toMatchObject({ phoneNumber: PHONE })

    // Spent: the same code does not reset again.
    expect((await reset(h, code)).error).toMatchObject({ status: 400 })
  })

  it('caps reset attempts per code like sign-in codes (6th refused with 429)', async () => {
    h = await startAuth({ mode })
    await signUp(h)
    await h.authClient.phoneNumber.requestPasswordReset({ phoneNumber: PHONE })
    const code = h.lastCode(PHONE)
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await reset(h, wrongCode(code))).error).toMatchObject({ status: 400 })
    }
    expect((await reset(h, code)).error).toMatchObject({
      status: 429,
      code: 'OTP_ATTEMPTS_EXCEEDED',
    })
    expect((await signInWithPassword(h, NEW_PASSWORD)).error).toMatchObject({ status: 401 })
  })

  it('does not reset with a sign-in code, nor sign in with a reset code', async () => {
    h = await startAuth({ mode })
    await signUp(h)
    await h.authClient.phoneNumber.sendOtp({ phoneNumber: PHONE })
    const signInCode = h.lastCode(PHONE)
    expect((await reset(h, signInCode)).error).toMatchObject({ status: 400 })
    expect((await signInWithPassword(h, NEW_PASSWORD)).error).toMatchObject({ status: 401 })

    h.advance(MINUTE + 1000)
    await h.authClient.phoneNumber.requestPasswordReset({ phoneNumber: PHONE })
    const resetCode = h.lastCode(PHONE)
    const signIn = await h.authClient.phoneNumber.verify({ phoneNumber: PHONE, code: resetCode })
    expect(signIn.error).toMatchObject({ status: 400 })
  })

  it('answers a limited reset request like any other (no 429 that would tell the number is registered), and sends nothing', async () => {
    h = await startAuth({ mode })
    await signUp(h)
    await h.authClient.phoneNumber.requestPasswordReset({ phoneNumber: PHONE })
    const before = h.messagesTo(PHONE).length
    const again = await h.authClient.phoneNumber.requestPasswordReset({ phoneNumber: PHONE })
    const unknown = await h.authClient.phoneNumber.requestPasswordReset({
      phoneNumber: '+639991234567',
    })
    expect(again).toEqual(unknown)
    expect(again.data).toEqual({ status: true })
    expect(h.messagesTo(PHONE)).toHaveLength(before)
  })
})

describe('gateway mode: the #10697 trap', () => {
  it('refuses the code better-auth made (stored, never sent) on the reset path', async () => {
    h = await startAuth({ mode: 'gateway' })
    await signUp(h)
    await h.authClient.phoneNumber.requestPasswordReset({ phoneNumber: PHONE })
    const stored = (h.db.verification as { identifier: string; value: string }[]).find((row) =>
      row.identifier.includes('reset'),
    )
    expect(stored).toBeDefined()
    const betterAuthCode = stored?.value.split(':')[0] ?? ''
    const gatewayCode = h.lastCode(PHONE)
    if (betterAuthCode !== gatewayCode) {
      expect((await reset(h, betterAuthCode)).error).toMatchObject({ status: 400 })
      expect((await signInWithPassword(h, NEW_PASSWORD)).error).toMatchObject({ status: 401 })
    }
    expect((await reset(h, gatewayCode)).error).toBeNull()
  })

  it('refuses a reset that was never requested, whatever the code', async () => {
    h = await startAuth({ mode: 'gateway' })
    await signUp(h)
    // A code the gateway did issue (and the user verified with) is no reset code.
    const verifiedCode = h.lastCode(PHONE)
    expect((await reset(h, verifiedCode)).error).toMatchObject({ status: 400 })
    expect((await reset(h, '000000')).error).toMatchObject({ status: 400 })
    expect(h.sandbox.otps({ to: PHONE })).toHaveLength(1) // no reset code was ever sent
  })
})
