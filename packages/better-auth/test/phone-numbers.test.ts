/**
 * Phone numbers as better-auth receives them: refused with better-auth's own error shape when
 * `parsePhone` refuses them, one canonical E.164 form for the unique column.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { type AuthHarness, startAuth } from './harness.js'

let h: AuthHarness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const post = (harness: AuthHarness, path: string, body: unknown) =>
  fetch(`${harness.baseURL}/api/auth${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: harness.baseURL },
    body: JSON.stringify(body),
  })

describe('phone numbers', () => {
  it.each([
    ['+1 415 555 2671', 'INVALID_PHONE_NUMBER'],
    ['0917', 'INVALID_PHONE_NUMBER'],
    ['not a number', 'INVALID_PHONE_NUMBER'],
  ])('refuses %j with 400 and the reason, sending nothing', async (phoneNumber, code) => {
    h = await startAuth()
    const sent = await h.authClient.phoneNumber.sendOtp({ phoneNumber })
    expect(sent.error).toMatchObject({ status: 400, code })
    expect(sent.error?.message).toMatch(/\w/)
    expect(h.sandbox.messages()).toHaveLength(0)
  })

  it('refuses another spelling of a valid number by default, saying the E.164 form to use', async () => {
    h = await startAuth()
    const sent = await h.authClient.phoneNumber.sendOtp({ phoneNumber: '0917 123 4567' })
    expect(sent.error).toMatchObject({ status: 400, code: 'INVALID_PHONE_NUMBER' })
    expect(sent.error?.message).toContain('+639171234567')
    expect(h.sandbox.messages()).toHaveLength(0)
  })

  it('does not let a verify in another spelling create a second account', async () => {
    h = await startAuth()
    await h.authClient.phoneNumber.sendOtp({ phoneNumber: '+639171234567' })
    const code = h.lastCode('+639171234567')
    const response = await post(h, '/phone-number/verify', { phoneNumber: '09171234567', code })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ code: 'INVALID_PHONE_NUMBER' })
    expect(h.db.user).toHaveLength(0)
  })

  it("with phoneNumberForm 'any', binds a code to the spelling it was sent to", async () => {
    h = await startAuth({ phoneNumberForm: 'any' })
    expect(
      (await h.authClient.phoneNumber.sendOtp({ phoneNumber: '0917 123 4567' })).error,
    ).toBeNull()
    const code = h.lastCode('09171234567')
    const other = await h.authClient.phoneNumber.verify({ phoneNumber: '+639171234567', code })
    expect(other.error).toMatchObject({ status: 400 })
    // The guard counts the number, not the spelling: the cooldown holds across spellings.
    const respelled = await h.authClient.phoneNumber.sendOtp({ phoneNumber: '639171234567' })
    expect(respelled.error).toMatchObject({ status: 429 })
  })

  it('canonicalPhoneNumbers() stores every accepted spelling as +639…', async () => {
    h = await startAuth({ canonical: true })
    expect(
      (await h.authClient.phoneNumber.sendOtp({ phoneNumber: '0917-123-4567' })).error,
    ).toBeNull()
    const code = h.lastCode('+639171234567')
    const verified = await h.authClient.phoneNumber.verify({ phoneNumber: '9171234567', code })
    expect(verified.error).toBeNull()
    expect(verified.data?.user).toMatchObject({ phoneNumber: '+639171234567' })
    const invalid = await h.authClient.phoneNumber.sendOtp({ phoneNumber: '+1 415 555 2671' })
    expect(invalid.error).toMatchObject({ status: 400, code: 'INVALID_PHONE_NUMBER' })
  })
})
