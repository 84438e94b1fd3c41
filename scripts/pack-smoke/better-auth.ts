// @iprog-sms/better-auth's README "Use it": better-auth's phone-number plugin on
// iprogPhoneNumber (memory adapter), a code sent through the sandbox gateway and read back from
// its inbox, the guard's cooldown and a wrong code refused, then a sign-up with the right code.
import { iprogPhoneNumber } from '@iprog-sms/better-auth'
import { createClient } from '@iprog-sms/core'
import { createMemoryStore } from '@iprog-sms/core/server'
import { betterAuth } from 'better-auth'
import { memoryAdapter } from 'better-auth/adapters/memory'
import { phoneNumber } from 'better-auth/plugins'
import { check, type Gateway } from './gateway.js'

// A number of its own: the other snippets send to 0917 123 4567 through the same gateway.
const PHONE = '+639281234567'
const baseURL = 'http://localhost:3000'

export async function run(gateway: Gateway): Promise<void> {
  const client = createClient({ baseUrl: gateway.url, apiToken: gateway.token })
  const store = createMemoryStore()
  const auth = betterAuth({
    baseURL,
    secret: 'a-smoke-secret-that-is-long-enough-for-better-auth',
    database: memoryAdapter({ user: [], session: [], account: [], verification: [] }),
    plugins: [
      phoneNumber(
        iprogPhoneNumber({
          client,
          store,
          signUpOnVerification: { getTempEmail: (phone) => `${phone.slice(1)}@phone.example.com` },
        }),
      ),
    ],
  })
  const post = (path: string, body: unknown) =>
    auth.handler(
      new Request(`${baseURL}/api/auth${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: baseURL },
        body: JSON.stringify(body),
      }),
    )

  const sent = await post('/phone-number/send-otp', { phoneNumber: PHONE })
  check(sent.status === 200, `better-auth: send-otp ${sent.status} ${await sent.clone().text()}`)
  const cooldown = await post('/phone-number/send-otp', { phoneNumber: PHONE })
  check(cooldown.status === 429, `better-auth: the cooldown refuses (got ${cooldown.status})`)

  const code = await lastCode(gateway)
  const wrong = code.replace(/^./, (d) => String((Number(d) + 1) % 10))
  const refused = await post('/phone-number/verify', { phoneNumber: PHONE, code: wrong })
  check(refused.status === 400, `better-auth: a wrong code is refused (got ${refused.status})`)
  const verified = await post('/phone-number/verify', { phoneNumber: PHONE, code })
  const answer = (await verified.json()) as { user?: { phoneNumber?: string } }
  check(
    verified.status === 200 && answer.user?.phoneNumber === PHONE,
    `better-auth: sign-up with the code (got ${verified.status})`,
  )
}

// The code of the latest SMS to PHONE, from the sandbox's inbox controls.
async function lastCode(gateway: Gateway): Promise<string> {
  const response = await fetch(`${gateway.url}/__sandbox/messages?to=${encodeURIComponent(PHONE)}`)
  const messages = (await response.json()) as { message: string }[]
  const code = /\d{6}/.exec(messages.at(-1)?.message ?? '')?.[0]
  check(code, 'better-auth: the code reached the sandbox inbox')
  return code
}
