/**
 * Every operation-level check (success, validation, authorize, OTP limits, gateway faults),
 * written against a `Driver`, so REST adapters and tRPC prove the same behaviour.
 */
import { describe, expect, it } from 'vitest'
import { CONFORMANCE_TOKEN, type ConformanceEnvironment } from './environment.js'
import { expectProblem } from './expect-problem.js'
import type { Driver } from './rest-driver.js'
import { AUTHORIZED, GUARDED_CALLS, INVALID_CASES, normalised, PHONES } from './scenarios.js'

/** What the operation scenarios need, REST or not. */
export interface ScenarioContext {
  driver: Driver
  env: ConformanceEnvironment
}

/**
 * Every operation-level check (success, validation, authorize, OTP limits, gateway faults),
 * written against a `Driver`: a non-REST adapter can run these with its own driver.
 *
 * @example
 * ```ts
 * describeOperationScenarios(() => ({ driver: myTrpcDriver, env }))
 * ```
 */
export function describeOperationScenarios(get: () => ScenarioContext): void {
  const call: Driver['call'] = (operation, input, headers) =>
    get().driver.call(operation, input, headers)
  const sandbox = () => get().env.sandbox
  const inbox = (phone: string) => sandbox().messages({ to: phone })
  const otps = (phone: string) => sandbox().otps({ to: phone })

  describe('operations succeed', () => {
    it('sends one SMS that the gateway receives', async () => {
      const outcome = await call('messages.send', { to: PHONES.send, message: 'Hello' }, AUTHORIZED)
      expect(outcome.status).toBe(201)
      expect(outcome.body).toMatchObject({
        to: normalised(PHONES.send),
        messageId: expect.any(String),
      })
      expect(inbox(PHONES.send).map((m) => m.id)).toContain(outcome.body.messageId)
    })

    it('sends to several recipients at once', async () => {
      const outcome = await call(
        'messages.sendBulk',
        { to: PHONES.bulk, message: 'All' },
        AUTHORIZED,
      )
      expect(outcome.status).toBe(201)
      expect(outcome.body.accepted.map((a: { to: string }) => a.to)).toEqual(
        PHONES.bulk.map(normalised),
      )
    })

    it('sends a bulk with one bad number to the good ones and lists the bad one, as the client does', async () => {
      const before = inbox(PHONES.bulkPartial).length
      const outcome = await call(
        'messages.sendBulk',
        { to: [PHONES.bulkPartial, 'nope'], message: 'Some' },
        AUTHORIZED,
      )
      expect(outcome.status).toBe(201)
      expect(outcome.body.accepted.map((a: { to: string }) => a.to)).toEqual([
        normalised(PHONES.bulkPartial),
      ])
      expect(outcome.body.rejected).toEqual([
        {
          to: 'nope',
          error: expect.objectContaining({ code: 'validation_error', maybeDelivered: false }),
        },
      ])
      expect(inbox(PHONES.bulkPartial)).toHaveLength(before + 1)
    })

    it('reads the delivery status of a sent message', async () => {
      const sent = await call('messages.send', { to: PHONES.send, message: 'Track me' }, AUTHORIZED)
      const outcome = await call('messages.status', { id: sent.body.messageId }, AUTHORIZED)
      expect(outcome.status).toBe(200)
      expect(outcome.body).toMatchObject({ messageId: sent.body.messageId, status: 'pending' })
    })

    it('reads the credit balance', async () => {
      const outcome = await call('account.credits', {}, AUTHORIZED)
      expect(outcome.status).toBe(200)
      expect(outcome.body.balance).toBe(sandbox().balances()[CONFORMANCE_TOKEN])
    })

    it('creates, reads, changes and cancels a reminder', async () => {
      const scheduledAt = '2099-03-08T05:00:00+08:00'
      const input = { to: PHONES.reminder, message: 'Bill due', scheduledAt }
      const created = await call('reminders.create', input, AUTHORIZED)
      expect(created.status).toBe(201)
      expect(created.body).toMatchObject({ id: expect.any(Number), message: 'Bill due' })
      const { id } = created.body
      const read = await call('reminders.get', { id }, AUTHORIZED)
      expect(read).toMatchObject({ status: 200, body: { id, message: 'Bill due' } })
      const changed = await call('reminders.update', { id, message: 'Bill due today' }, AUTHORIZED)
      expect(changed).toMatchObject({ status: 200, body: { id, message: 'Bill due today' } })
      expect(
        sandbox()
          .reminders()
          .find((r) => r.id === id)?.message,
      ).toBe('Bill due today')
      const deleted = await call('reminders.delete', { id }, AUTHORIZED)
      expect(deleted).toMatchObject({ status: 200, body: { id } })
      expect(
        sandbox()
          .reminders()
          .some((r) => r.id === id),
      ).toBe(false)
    })

    it('answers 404 for a message id the gateway does not know, or one it cannot read', async () => {
      for (const id of ['iSms-zzzzz9', 'not an id']) {
        const outcome = await call('messages.status', { id }, AUTHORIZED)
        expectProblem(outcome, 404)
      }
    })

    it('answers 404 for a reminder the gateway does not have', async () => {
      const outcome = await call('reminders.get', { id: 987_654 }, AUTHORIZED)
      expectProblem(outcome, 404)
    })

    it('analyses segments without any key or gateway call', async () => {
      const outcome = await call('segments', { text: 'Salamat po! ₱100' })
      expect(outcome.status).toBe(200)
      expect(outcome.body).toMatchObject({ encoding: 'UCS-2', segmentCount: 1 })
    })

    it('sends an OTP in the server-chosen words and never answers with the code', async () => {
      // A caller-chosen text would make a public route a spam relay: it is ignored.
      const outcome = await call('otp.send', { to: PHONES.otpHappy, message: 'Win a prize :otp' })
      expect(outcome.status).toBe(201)
      const issued = otps(PHONES.otpHappy).at(-1)
      expect(issued).toBeDefined()
      expect(outcome.text).not.toContain(issued?.code)
      expect(issued?.message).not.toContain('Win a prize')
      expect(outcome.body).toMatchObject({ sent: true, to: normalised(PHONES.otpHappy) })
    })

    it('verifies the right code', async () => {
      const code = otps(PHONES.otpHappy).at(-1)?.code
      const outcome = await call('otp.verify', { to: PHONES.otpHappy, code })
      expect(outcome).toMatchObject({ status: 200, body: { verified: true } })
    })
  })

  describe('validation refuses bad input before the gateway', () => {
    for (const testCase of INVALID_CASES) {
      it(`refuses ${testCase.title}`, async () => {
        const before = sandbox().messages().length
        const outcome = await call(testCase.operation, testCase.input, AUTHORIZED)
        expectProblem(outcome, 400)
        expect(outcome.body.code).toBe('validation_error')
        expect(outcome.body.errors.length).toBeGreaterThan(0)
        for (const issue of outcome.body.errors) expect(issue.message).toEqual(expect.any(String))
        if (testCase.paths) {
          expect(outcome.body.errors.map((issue: { path: unknown }) => issue.path)).toEqual(
            testCase.paths,
          )
        }
        if (testCase.codes) {
          expect(outcome.body.errors.map((issue: { code: unknown }) => issue.code)).toEqual(
            testCase.codes,
          )
        }
        expect(sandbox().messages().length).toBe(before)
      })
    }
  })

  describe('authorize', () => {
    for (const { operation, input } of GUARDED_CALLS) {
      it(`refuses ${operation} without the key and spends nothing`, async () => {
        const balance = sandbox().balances()[CONFORMANCE_TOKEN]
        const before = sandbox().messages().length
        const missing = await call(operation, input)
        expectProblem(missing, 403)
        const wrong = await call(operation, input, { 'x-api-key': 'guess' })
        expectProblem(wrong, 403)
        expect(sandbox().messages().length).toBe(before)
        expect(sandbox().balances()[CONFORMANCE_TOKEN]).toBe(balance)
      })
    }

    it('accepts the key (covered by every success above) and leaves OTP routes public', async () => {
      const outcome = await call('otp.verify', { to: PHONES.otpNeverSent, code: '123456' })
      expect(outcome.status).not.toBe(403)
    })
  })

  describe('OTP limits', () => {
    it('refuses the sixth verify attempt even with the right code, before the gateway', async () => {
      expect((await call('otp.send', { to: PHONES.otpAttempts })).status).toBe(201)
      const issued = otps(PHONES.otpAttempts).at(-1)
      const wrong = issued?.code === '000000' ? '111111' : '000000'
      for (let attempt = 1; attempt <= 5; attempt++) {
        const outcome = await call('otp.verify', { to: PHONES.otpAttempts, code: wrong })
        expectProblem(outcome, 422)
        expect(outcome.body.code).toBe('otp_invalid')
      }
      const sixth = await call('otp.verify', { to: PHONES.otpAttempts, code: issued?.code })
      expectProblem(sixth, 429)
      expect(sixth.body.code).toBe('otp_attempts_exceeded')
      expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0)
      // The gateway never saw the right code: it is still unused there.
      expect(otps(PHONES.otpAttempts).at(-1)).toMatchObject({ confirmed: false, usable: true })
    })

    it('answers a wrong code the same whether or not a code was ever sent', async () => {
      await call('otp.send', { to: PHONES.otpWrong })
      const known = await call('otp.verify', { to: PHONES.otpWrong, code: '0000' })
      const unknown = await call('otp.verify', { to: PHONES.otpNeverSent, code: '0000' })
      expectProblem(known, 422)
      expect(unknown.status).toBe(known.status)
      expect(unknown.body).toEqual(known.body)
    })

    it('refuses a second send within the cooldown with Retry-After', async () => {
      expect((await call('otp.send', { to: PHONES.otpCooldown })).status).toBe(201)
      const again = await call('otp.send', { to: PHONES.otpCooldown.replace(/^0/, '+63') })
      expectProblem(again, 429)
      expect(again.body.code).toBe('rate_limited')
      const retryAfter = Number(again.headers.get('retry-after'))
      expect(retryAfter).toBeGreaterThan(0)
      expect(retryAfter).toBeLessThanOrEqual(60)
      expect(otps(PHONES.otpCooldown)).toHaveLength(1)
    })
  })

  describe('gateway faults', () => {
    const send = () => call('messages.send', { to: PHONES.fault, message: 'fault' }, AUTHORIZED)
    const faults = () => sandbox().faults

    it('answers 502 when the gateway refuses', async () => {
      faults().add({ kind: 'gateway-error', path: '/api/v1/sms_messages' })
      const outcome = await send()
      expectProblem(outcome, 502)
    })

    it('answers 502 when the gateway answers an HTML error page', async () => {
      faults().add({ kind: 'http-500', path: '/api/v1/sms_messages' })
      expectProblem(await send(), 502)
    })

    it('says maybeDelivered: false for a well-formed refusal, nothing sent', async () => {
      const before = inbox(PHONES.fault).length
      faults().add({ kind: 'gateway-error', path: '/api/v1/sms_messages' })
      const outcome = await send()
      expectProblem(outcome, 502)
      expect(outcome.body.maybeDelivered).toBe(false)
      expect(inbox(PHONES.fault)).toHaveLength(before)
    })

    it('says maybeDelivered: true for a 5xx page after the gateway carried the send out', async () => {
      const before = inbox(PHONES.fault).length
      faults().add({ kind: 'http-500', path: '/api/v1/sms_messages', deliver: true })
      const outcome = await send()
      expectProblem(outcome, 502)
      expect(outcome.body.maybeDelivered).toBe(true)
      expect(inbox(PHONES.fault)).toHaveLength(before + 1)
    })

    it('answers 502 when the connection is reset, saying the SMS may have gone out', async () => {
      faults().add({ kind: 'reset', path: '/api/v1/sms_messages' })
      const outcome = await send()
      expectProblem(outcome, 502)
      expect(outcome.body.maybeDelivered).toBe(true)
    })

    it('answers 502 with a generic detail when the server token has no credits', async () => {
      const balance = sandbox().balances()[CONFORMANCE_TOKEN] ?? 0
      sandbox().setCredits(CONFORMANCE_TOKEN, 0)
      try {
        const outcome = await send()
        expectProblem(outcome, 502)
        expect(outcome.body.code).toBe('auth_error')
      } finally {
        sandbox().setCredits(CONFORMANCE_TOKEN, balance)
      }
    })

    it('answers 504 with maybeDelivered when the gateway does not answer in time', async () => {
      // Seconds past the client's 5 s timeout, so load cannot make it answer in time.
      faults().add({ kind: 'timeout', path: '/api/v1/sms_messages', delayMs: 15_000 })
      const outcome = await send()
      expectProblem(outcome, 504)
      expect(outcome.body).toMatchObject({ code: 'timeout_error', maybeDelivered: true })
    })
  })
}
