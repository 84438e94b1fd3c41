/**
 * The floor of the peer range: better-auth 1.7.8, the first release whose reset route asks
 * `verifyOTP` (before it, a reset in gateway mode could never pass, and in message mode the
 * reset code would skip the guard). The main flows of both modes, on that version.
 */

import { readFileSync } from 'node:fs'
import { betterAuth } from 'better-auth-floor'
import { memoryAdapter } from 'better-auth-floor/adapters/memory'
import { createAuthClient } from 'better-auth-floor/client'
import { phoneNumberClient } from 'better-auth-floor/client/plugins'
import { toNodeHandler } from 'better-auth-floor/node'
import { phoneNumber } from 'better-auth-floor/plugins'
import { afterEach, describe, expect, it } from 'vitest'
import { type AuthHarness, type BetterAuthModules, startAuth, wrongCode } from './harness.js'

// better-auth exports no ./package.json: read the installed alias's manifest from disk.
const floorManifest = JSON.parse(
  readFileSync(new URL('../node_modules/better-auth-floor/package.json', import.meta.url), 'utf8'),
) as { version: string }

// The two versions' types differ in details the harness does not touch.
const modules = {
  betterAuth,
  memoryAdapter,
  createAuthClient,
  phoneNumberClient,
  toNodeHandler,
  phoneNumber,
} as unknown as BetterAuthModules

const PHONE = '+639171234567'

let h: AuthHarness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

describe.each(['message', 'gateway'] as const)(
  `better-auth ${floorManifest.version}, %s mode`,
  (mode) => {
    it('signs up, caps attempts, keeps the cooldown and resets only with the reset code', async () => {
      expect(floorManifest.version).toBe('1.7.8')
      h = await startAuth({ mode, modules })
      expect((await h.authClient.phoneNumber.sendOtp({ phoneNumber: PHONE })).error).toBeNull()
      expect((await h.authClient.phoneNumber.sendOtp({ phoneNumber: PHONE })).error).toMatchObject({
        status: 429,
      })
      const code = h.lastCode(PHONE)
      for (let attempt = 1; attempt <= 5; attempt++) {
        const wrong = await h.authClient.phoneNumber.verify({
          phoneNumber: PHONE,
          code: wrongCode(code),
        })
        expect(wrong.error).toMatchObject({ status: 400 })
      }
      expect(
        (await h.authClient.phoneNumber.verify({ phoneNumber: PHONE, code })).error,
      ).toMatchObject({
        status: 429,
      })

      h.advance(61_000)
      await h.authClient.phoneNumber.sendOtp({ phoneNumber: PHONE })
      const signUp = await h.authClient.phoneNumber.verify({
        phoneNumber: PHONE,
        code: h.lastCode(PHONE),
      })
      expect(signUp.error).toBeNull()
      expect(signUp.data?.user).toMatchObject({ phoneNumber: PHONE, phoneNumberVerified: true })

      h.advance(61_000)
      await h.authClient.phoneNumber.requestPasswordReset({ phoneNumber: PHONE })
      const resetCode = h.lastCode(PHONE)
      const reset = (otp: string) =>
        h?.authClient.phoneNumber.resetPassword({
          phoneNumber: PHONE,
          otp,
          newPassword: 'new-password-123',
        })
      expect((await reset(wrongCode(resetCode)))?.error).toMatchObject({ status: 400 })
      expect((await reset(resetCode))?.error).toBeNull()
      const signIn = await h.authClient.signIn.phoneNumber({
        phoneNumber: PHONE,
        password: 'new-password-123',
      })
      expect(signIn.error).toBeNull()
    })
  },
)
