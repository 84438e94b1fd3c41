/**
 * `describeAdapter(name, start)`: the one suite every REST adapter runs, over real HTTP on
 * ephemeral ports, against the real sandbox through the real client. Adapters provide only
 * `start`, which mounts their routes under a prefix in a fresh app with the given options.
 */
import type { SmsServiceOptions } from '@iprog-sms/core/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONFORMANCE_TOKEN, type ConformanceEnvironment, startEnvironment } from './environment.js'
import { createRestDriver, type Driver, type RestDriver } from './rest-driver.js'
import {
  AUTHORIZED,
  CONFORMANCE_KEY,
  GUARDED_CALLS,
  INVALID_CASES,
  MAX_BULK,
  normalised,
  PHONES,
} from './scenarios.js'

/** What `start` gets: mount the routes with exactly these options under `prefix`. */
export interface AdapterStartContext {
  options: SmsServiceOptions
  /** E.g. `'/sms'`. */
  prefix: string
  /** The app parses JSON bodies itself before the SMS routes (Express: `app.use(express.json())`). */
  preParsedBody: boolean
}

/** A running app: `baseUrl` is origin plus prefix, e.g. `http://127.0.0.1:51234/sms`. */
export interface StartedAdapter {
  baseUrl: string
  close(): Promise<void>
}

/** Starts an app on port 0 with the adapter mounted under `context.prefix`. */
export type StartAdapter = (context: AdapterStartContext) => Promise<StartedAdapter>

export interface AdapterFeatures {
  /** Also run everything with an app that parsed the body before the router. */
  preParsedBody?: boolean
}

/** A log sink the suite inspects (nothing may carry the token). */
export interface RecordingLogger {
  warn(message: string): void
  error(message: string): void
  lines: string[]
  warnings: string[]
}

/**
 * A logger that keeps every line, so the suite can check none carries the token.
 *
 * @example
 * ```ts
 * const logger = recordingLogger(); createSmsService({ client, authorize: 'public', logger }); logger.warnings.length // 1
 * ```
 */
export function recordingLogger(): RecordingLogger {
  const lines: string[] = []
  const warnings: string[] = []
  return {
    lines,
    warnings,
    warn: (message) => {
      warnings.push(message)
      lines.push(message)
    },
    error: (message) => lines.push(message),
  }
}

/** What the operation scenarios need, REST or not. */
export interface ScenarioContext {
  driver: Driver
  env: ConformanceEnvironment
}

/**
 * Registers the adapter suite.
 *
 * @example
 * ```ts
 * describeAdapter('express', async ({ options, prefix, preParsedBody }) => {
 *   const app = express()
 *   if (preParsedBody) app.use(express.json())
 *   app.use(prefix, smsRouter(options))
 *   const server = app.listen(0)
 *   await once(server, 'listening')
 *   return { baseUrl: `http://127.0.0.1:${port(server)}${prefix}`, close: () => close(server) }
 * }, { preParsedBody: true })
 * ```
 */
export function describeAdapter(
  name: string,
  start: StartAdapter,
  features: AdapterFeatures = {},
): void {
  const variants = features.preParsedBody ? [false, true] : [false]
  for (const preParsedBody of variants) {
    const title = preParsedBody
      ? `${name} adapter, body parsed by the app first`
      : `${name} adapter`
    describe(title, () => {
      let env: ConformanceEnvironment
      let app: StartedAdapter
      let driver: RestDriver
      const logger = recordingLogger()
      const context = {} as ScenarioContext

      beforeAll(async () => {
        env = await startEnvironment()
        app = await start({
          prefix: '/sms',
          preParsedBody,
          options: {
            client: env.client,
            authorize: (ctx) => ctx.headers.get('x-api-key') === CONFORMANCE_KEY,
            maxBulkRecipients: MAX_BULK,
            otp: { message: 'Your conformance code is :otp' },
            openapi: true,
            logger,
          },
        })
        driver = createRestDriver(app.baseUrl)
        context.driver = driver
        context.env = env
      })
      afterAll(async () => {
        await app?.close()
        await env?.close()
      })

      describeOperationScenarios(() => context)
      describeRestScenarios(() => ({ driver, env, start, preParsedBody }))

      it('never puts the token or a stack in any answer or log line', () => {
        expect(driver.outcomes.length).toBeGreaterThan(30)
        for (const outcome of driver.outcomes) {
          expect(outcome.text).not.toContain(CONFORMANCE_TOKEN)
          expect(outcome.text).not.toMatch(/\n\s+at /)
        }
        for (const line of logger.lines) expect(line).not.toContain(CONFORMANCE_TOKEN)
      })
    })
  }
}

function expectProblem(
  outcome: { status: number; headers: Headers; body: unknown },
  status: number,
) {
  expect(outcome.status).toBe(status)
  expect(outcome.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  expect(outcome.body).toMatchObject({
    status,
    type: expect.any(String),
    title: expect.any(String),
  })
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
  const inbox = (phone: string) => get().env.sandbox.sandbox.messages({ to: phone })
  const otps = (phone: string) => get().env.sandbox.sandbox.otps({ to: phone })

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

    it('reads the delivery status of a sent message', async () => {
      const sent = await call('messages.send', { to: PHONES.send, message: 'Track me' }, AUTHORIZED)
      const outcome = await call('messages.status', { id: sent.body.messageId }, AUTHORIZED)
      expect(outcome.status).toBe(200)
      expect(outcome.body).toMatchObject({ messageId: sent.body.messageId, status: 'pending' })
    })

    it('reads the credit balance', async () => {
      const outcome = await call('account.credits', {}, AUTHORIZED)
      expect(outcome.status).toBe(200)
      expect(outcome.body.balance).toBe(get().env.sandbox.sandbox.balances()[CONFORMANCE_TOKEN])
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
        get()
          .env.sandbox.sandbox.reminders()
          .find((r) => r.id === id)?.message,
      ).toBe('Bill due today')
      const deleted = await call('reminders.delete', { id }, AUTHORIZED)
      expect(deleted).toMatchObject({ status: 200, body: { id } })
      expect(
        get()
          .env.sandbox.sandbox.reminders()
          .some((r) => r.id === id),
      ).toBe(false)
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
        const before = get().env.sandbox.sandbox.messages().length
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
        expect(get().env.sandbox.sandbox.messages().length).toBe(before)
      })
    }
  })

  describe('authorize', () => {
    for (const { operation, input } of GUARDED_CALLS) {
      it(`refuses ${operation} without the key and spends nothing`, async () => {
        const balance = get().env.sandbox.sandbox.balances()[CONFORMANCE_TOKEN]
        const before = get().env.sandbox.sandbox.messages().length
        const missing = await call(operation, input)
        expectProblem(missing, 403)
        const wrong = await call(operation, input, { 'x-api-key': 'guess' })
        expectProblem(wrong, 403)
        expect(get().env.sandbox.sandbox.messages().length).toBe(before)
        expect(get().env.sandbox.sandbox.balances()[CONFORMANCE_TOKEN]).toBe(balance)
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
    const faults = () => get().env.sandbox.sandbox.faults

    it('answers 502 when the gateway refuses', async () => {
      faults().add({ kind: 'gateway-error', path: '/api/v1/sms_messages' })
      const outcome = await send()
      expectProblem(outcome, 502)
    })

    it('answers 502 when the gateway answers an HTML error page', async () => {
      faults().add({ kind: 'http-500', path: '/api/v1/sms_messages' })
      expectProblem(await send(), 502)
    })

    it('answers 502 when the connection is reset', async () => {
      faults().add({ kind: 'reset', path: '/api/v1/sms_messages' })
      expectProblem(await send(), 502)
    })

    it('answers 502 with a generic detail when the server token has no credits', async () => {
      const { sandbox } = get().env.sandbox
      const balance = sandbox.balances()[CONFORMANCE_TOKEN] ?? 0
      sandbox.setCredits(CONFORMANCE_TOKEN, 0)
      try {
        const outcome = await send()
        expectProblem(outcome, 502)
        expect(outcome.body.code).toBe('auth_error')
      } finally {
        sandbox.setCredits(CONFORMANCE_TOKEN, balance)
      }
    })

    it('answers 504 with maybeDelivered when the gateway does not answer in time', async () => {
      faults().add({ kind: 'timeout', path: '/api/v1/sms_messages', delayMs: 5_000 })
      const outcome = await send()
      expectProblem(outcome, 504)
      expect(outcome.body).toMatchObject({ code: 'timeout_error', maybeDelivered: true })
    })
  })
}

interface RestScenarioContext {
  driver: RestDriver
  env: ConformanceEnvironment
  start: StartAdapter
  preParsedBody: boolean
}

/**
 * Checks only a REST adapter can fail: body parsing, size cap, OpenAPI, setup, client address.
 *
 * @example
 * ```ts
 * describeRestScenarios(() => ({ driver, env, start, preParsedBody: false }))
 * ```
 */
export function describeRestScenarios(get: () => RestScenarioContext): void {
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    get().driver.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...AUTHORIZED, ...headers },
      body,
    })

  describe('REST specifics', () => {
    it('answers malformed JSON with a 400 problem', async () => {
      const outcome = await post('/messages', '{"to": "09171234567", "message": ')
      if (get().preParsedBody) {
        // The app's own parser owns this body; it refused it before the SMS routes ran.
        expect(outcome.status).toBe(400)
        return
      }
      expectProblem(outcome, 400)
      expect(outcome.body.code).toBe('invalid_json')
    })

    it('answers a JSON body that is not an object with a 400 problem', async () => {
      const outcome = await post('/messages', '["09171234567", "hi"]')
      expectProblem(outcome, 400)
      expect(outcome.body.code).toBe('validation_error')
    })

    it('answers a body over 64 kB with a 413 problem before the gateway', async () => {
      const before = get().env.sandbox.sandbox.messages().length
      const body = JSON.stringify({ to: PHONES.send, message: 'x'.repeat(70_000) })
      const outcome = await post('/messages', body)
      expectProblem(outcome, 413)
      expect(outcome.body.code).toBe('payload_too_large')
      expect(get().env.sandbox.sandbox.messages().length).toBe(before)
    })

    it('words the OTP SMS with the server option otp.message', async () => {
      const outcome = await get().driver.call('otp.send', { to: PHONES.otpText })
      expect(outcome.status).toBe(201)
      const issued = get().env.sandbox.sandbox.otps({ to: PHONES.otpText }).at(-1)
      expect(issued?.message).toMatch(/^Your conformance code is \d+$/)
    })

    it('serves an OpenAPI 3.1 document with the mount prefix', async () => {
      const outcome = await get().driver.request('/openapi.json')
      expect(outcome.status).toBe(200)
      expect(outcome.body.openapi).toBe('3.1.0')
      const prefix = new URL(get().driver.baseUrl).pathname
      expect(Object.keys(outcome.body.paths)).toContain(`${prefix}/messages`)
      expect(outcome.body.paths[`${prefix}/messages`].post.security).toEqual([{ smsAuthorize: [] }])
    })

    it('refuses to mount credit-spending routes without authorize', async () => {
      const { start, env, preParsedBody } = get()
      const options = { client: env.client, logger: recordingLogger() }
      await expect(start({ options, prefix: '/sms', preParsedBody })).rejects.toThrow(
        /authorize.*'public'/s,
      )
    })

    describe('with OTP caps, a public opt-out and one trusted proxy', () => {
      let app: StartedAdapter
      let driver: RestDriver
      const logger = recordingLogger()

      beforeAll(async () => {
        const { start, env, preParsedBody } = get()
        app = await start({
          prefix: '/sms',
          preParsedBody,
          options: {
            client: env.client,
            authorize: 'public',
            otp: { cooldownSeconds: 0, maxSendsPerPhonePerHour: 2, maxSendsPerIpPerHour: 3 },
            trustProxy: 1,
            logger,
          },
        })
        driver = createRestDriver(app.baseUrl)
      })
      afterAll(() => app?.close())

      it("logs the 'public' opt-out once at startup", () => {
        expect(logger.warnings).toHaveLength(1)
        expect(logger.warnings[0]).toMatch(/public/)
      })

      it('caps sends per number per hour', async () => {
        const from = { 'x-forwarded-for': '198.51.100.1' }
        expect((await driver.call('otp.send', { to: PHONES.capsPhone }, from)).status).toBe(201)
        expect((await driver.call('otp.send', { to: PHONES.capsPhone }, from)).status).toBe(201)
        const third = await driver.call('otp.send', { to: PHONES.capsPhone }, from)
        expectProblem(third, 429)
        expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0)
      })

      it('caps sends per client address, read through the trusted proxy', async () => {
        const [a, b, c, d, e] = PHONES.capsIp
        const from = { 'x-forwarded-for': '6.6.6.6, 203.0.113.50' }
        for (const phone of [a, b, c]) {
          expect((await driver.call('otp.send', { to: phone }, from)).status).toBe(201)
        }
        expectProblem(await driver.call('otp.send', { to: d }, from), 429)
        const other = { 'x-forwarded-for': '6.6.6.6, 203.0.113.51' }
        expect((await driver.call('otp.send', { to: e }, other)).status).toBe(201)
      })
    })
  })
}
