import { describe, expect, it, vi } from 'vitest'
import type { SmsClient } from '../client/types.js'
import { IprogApiError, IprogTimeoutError } from '../errors.js'
import { IprogUnauthorizedError } from './errors.js'
import { createOpenApiDocument } from './openapi.js'
import { createSmsService, type SmsServiceOptions } from './service.js'
import { createMemoryStore } from './stores/memory-store.js'

const PHONE = '639171234567'
const KEY = 'test-key'

// A stand-in for the gateway client: these tests are about the server layer's own rules; the
// adapters' conformance suite runs the same rules against the real client and sandbox.
function fakeClient() {
  let code = '123456'
  const calls: string[] = []
  const client = {
    messages: {
      send: vi.fn(async (input: { to: string; message: string }) => {
        calls.push('messages.send')
        return { messageId: 'iSms-abc12', to: input.to, message: input.message }
      }),
      sendBulk: vi.fn(async () => ({ accepted: [], rejected: [] })),
      status: vi.fn(async (id: string) => ({ messageId: id, status: 'pending' })),
    },
    account: { credits: vi.fn(async () => ({ balance: 10 })) },
    otp: {
      send: vi.fn(async (input: { to: string }) => {
        calls.push('otp.send')
        code = String(Number(code) + 1)
        return {
          to: input.to,
          code,
          expiresAt: undefined,
          message: `Your OTP code is ${code}`,
          raw: { otp_code: code },
        }
      }),
      verify: vi.fn(async (input: { code: string }) => {
        calls.push('otp.verify')
        return { verified: input.code === code, message: '', raw: {} }
      }),
    },
    reminders: {
      create: vi.fn(),
      get: vi.fn(),
      update: vi.fn(async (id: number, patch: object) => ({ id, ...patch })),
      delete: vi.fn(),
    },
  }
  return { client: client as unknown as SmsClient, calls, currentCode: () => code, spies: client }
}

function service(overrides: Partial<SmsServiceOptions> = {}) {
  const fake = fakeClient()
  const logger = { warn: vi.fn(), error: vi.fn() }
  const svc = createSmsService({
    client: fake.client,
    authorize: (ctx) => ctx.headers.get('x-api-key') === KEY,
    logger,
    ...overrides,
  })
  return { svc, fake, logger }
}

const authed = { 'x-api-key': KEY }

async function problemOf(promise: Promise<unknown>, svc: ReturnType<typeof service>['svc']) {
  return promise.then(
    () => {
      throw new Error('expected a failure')
    },
    (error: unknown) => svc.toProblem(error),
  )
}

describe('createSmsService setup', () => {
  it('refuses to start without authorize and explains the choice', () => {
    const { client } = fakeClient()
    expect(() => createSmsService({ client })).toThrow(/authorize.*spend credits.*'public'/s)
  })

  it('refuses an OTP text without the :otp placeholder at startup', () => {
    expect(() => service({ otp: { message: 'Your code is ready' } })).toThrow(/:otp/)
  })

  it("logs the 'public' opt-out exactly once, at startup", async () => {
    const { svc, logger } = service({ authorize: 'public' })
    await svc.invoke('messages.send', { input: { to: PHONE, message: 'hi' } })
    await svc.invoke('messages.send', { input: { to: PHONE, message: 'hi' } })
    expect(logger.warn).toHaveBeenCalledTimes(1)
    expect(logger.warn.mock.calls[0]?.[0]).toMatch(/messages\.send/)
  })
})

describe('invoke', () => {
  it('normalises the phone and sends through the client', async () => {
    const { svc, fake } = service()
    const result = await svc.invoke('messages.send', {
      input: { to: '+63 917 123 4567', message: 'hi' },
      headers: authed,
    })
    expect(result).toMatchObject({ to: PHONE })
    expect(fake.spies.messages.send).toHaveBeenCalledWith({ to: PHONE, message: 'hi' })
  })

  it('lists every invalid field with its message', async () => {
    const { svc, fake } = service()
    const problem = await problemOf(
      svc.invoke('messages.send', { input: { to: '12', message: '' }, headers: authed }),
      svc,
    )
    expect(problem.status).toBe(400)
    expect(problem.body.errors?.map((issue) => issue.path)).toEqual([['to'], ['message']])
    expect(problem.body.errors?.[0]?.message).toMatch(/Philippine/)
    expect(fake.spies.messages.send).not.toHaveBeenCalled()
  })

  it("carries core's phone code into the problem's errors, as the client would say it", async () => {
    const { svc } = service()
    const problem = await problemOf(
      svc.invoke('otp.send', { input: { to: '+1 415 555 2671' }, ip: '1.1.1.1' }),
      svc,
    )
    expect(problem.body.errors).toEqual([
      { path: ['to'], message: expect.stringMatching(/\+63/), code: 'phone_country' },
    ])
    const empty = await problemOf(
      svc.invoke('messages.send', { input: { to: '0917', message: '' }, headers: authed }),
      svc,
    )
    expect(empty.body.errors?.map((issue) => issue.code)).toEqual(['phone_too_short', 'too_small'])
  })

  it('gives authorize the operation, validated input, headers and client address', async () => {
    const authorize = vi.fn(() => true)
    const { svc } = service({ authorize })
    await svc.invoke('messages.send', {
      input: { to: '09171234567', message: 'hi' },
      headers: { 'x-api-key': 'k' },
      ip: '::ffff:203.0.113.9',
    })
    expect(authorize).toHaveBeenCalledWith({
      operation: 'messages.send',
      input: { to: PHONE, message: 'hi' },
      headers: expect.any(Headers),
      ip: '203.0.113.9',
    })
  })

  it('answers 403 when authorize says no and 401 when it throws IprogUnauthorizedError', async () => {
    const { svc, fake } = service()
    const denied = await problemOf(
      svc.invoke('account.credits', { input: {}, headers: { 'x-api-key': 'wrong' } }),
      svc,
    )
    expect(denied.status).toBe(403)
    const unauthenticated = service({
      authorize: () => {
        throw new IprogUnauthorizedError()
      },
    })
    const problem = await problemOf(
      unauthenticated.svc.invoke('account.credits', { input: {} }),
      unauthenticated.svc,
    )
    expect(problem.status).toBe(401)
    expect(fake.spies.account.credits).not.toHaveBeenCalled()
  })

  it('never returns the OTP code or the SMS text that holds it', async () => {
    const { svc, fake } = service()
    const result = await svc.invoke('otp.send', { input: { to: PHONE }, ip: '1.1.1.1' })
    expect(JSON.stringify(result)).not.toContain(fake.currentCode())
    expect(result).toEqual({ sent: true, to: PHONE, expiresAt: undefined })
  })

  it('refuses the sixth attempt with the right code without calling the gateway', async () => {
    const { svc, fake } = service()
    await svc.invoke('otp.send', { input: { to: PHONE }, ip: '1.1.1.1' })
    for (let i = 0; i < 5; i++) {
      const wrong = await problemOf(
        svc.invoke('otp.verify', { input: { to: PHONE, code: '000000' } }),
        svc,
      )
      expect(wrong.body.code).toBe('otp_invalid')
      expect(wrong.status).toBe(422)
    }
    const sixth = await problemOf(
      svc.invoke('otp.verify', { input: { to: PHONE, code: fake.currentCode() } }),
      svc,
    )
    expect(sixth.status).toBe(429)
    expect(sixth.body.code).toBe('otp_attempts_exceeded')
    expect(sixth.headers['retry-after']).toBeDefined()
    expect(fake.calls.filter((call) => call === 'otp.verify')).toHaveLength(5)
  })

  it('answers one way for a wrong code whether or not a code was ever sent', async () => {
    const { svc } = service()
    await svc.invoke('otp.send', { input: { to: PHONE }, ip: '1.1.1.1' })
    const known = await problemOf(
      svc.invoke('otp.verify', { input: { to: PHONE, code: '000000' } }),
      svc,
    )
    const unknown = await problemOf(
      svc.invoke('otp.verify', { input: { to: '639998887777', code: '000000' } }),
      svc,
    )
    expect(unknown).toEqual(known)
  })

  it("answers the client's not_found for a verify like a wrong code, not as a 404", async () => {
    const { svc, fake } = service()
    fake.spies.otp.verify.mockRejectedValueOnce(
      new IprogApiError('OTP not found', { httpStatus: 200 }, { code: 'not_found' }),
    )
    const refused = await problemOf(
      svc.invoke('otp.verify', { input: { to: '639998887774', code: '000000' } }),
      svc,
    )
    expect(refused).toMatchObject({ status: 422, body: { code: 'otp_invalid' } })
  })

  it('answers a gateway refusal of a verify like a wrong code, so no number is revealed', async () => {
    const { svc, fake } = service()
    fake.spies.otp.verify.mockRejectedValueOnce(
      new IprogApiError('No OTP found for this number', { httpStatus: 404 }),
    )
    const refused = await problemOf(
      svc.invoke('otp.verify', { input: { to: '639998887776', code: '000000' } }),
      svc,
    )
    const wrong = await problemOf(
      svc.invoke('otp.verify', { input: { to: '639998887775', code: '000000' } }),
      svc,
    )
    expect(refused).toEqual(wrong)
  })

  it('counts the cooldown on the normalised number, before the gateway', async () => {
    const { svc, fake } = service()
    await svc.invoke('otp.send', { input: { to: '0917 123 4567' }, ip: '1.1.1.1' })
    const again = await problemOf(
      svc.invoke('otp.send', { input: { to: '+639171234567' }, ip: '2.2.2.2' }),
      svc,
    )
    expect(again.status).toBe(429)
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(0)
    expect(fake.calls.filter((call) => call === 'otp.send')).toHaveLength(1)
  })

  it('refuses more bulk recipients than the cap before any gateway call', async () => {
    const { svc, fake } = service({ maxBulkRecipients: 2 })
    const problem = await problemOf(
      svc.invoke('messages.sendBulk', {
        input: { to: [PHONE, PHONE, PHONE], message: 'hi' },
        headers: authed,
      }),
      svc,
    )
    expect(problem.status).toBe(400)
    expect(problem.body.errors?.[0]).toMatchObject({ path: ['to'] })
    expect(fake.spies.messages.sendBulk).not.toHaveBeenCalled()
  })

  it('refuses a body whose declared length is over the limit even if already parsed', async () => {
    const { svc } = service({ bodyLimitBytes: 100 })
    const problem = await problemOf(
      svc.invoke('messages.send', {
        input: { to: PHONE, message: 'hi' },
        headers: { ...authed, 'content-length': '101' },
      }),
      svc,
    )
    expect(problem.status).toBe(413)
  })

  it('logs a gateway timeout without the token and answers 504', async () => {
    const { svc, fake, logger } = service()
    fake.spies.messages.send.mockRejectedValueOnce(new IprogTimeoutError('no answer', 10, true))
    const problem = await problemOf(
      svc.invoke('messages.send', { input: { to: PHONE, message: 'hi' }, headers: authed }),
      svc,
    )
    expect(problem).toMatchObject({ status: 504, body: { maybeDelivered: true } })
    expect(logger.error).toHaveBeenCalledOnce()
  })

  it('answers 503 once the store is full of live counters, and logs it once', async () => {
    const { svc, fake, logger } = service({ store: createMemoryStore({ maxEntries: 4 }) })
    // One send takes 4 counters (address, cooldown, number hour, number day).
    await svc.invoke('otp.send', { input: { to: PHONE }, ip: '1.1.1.1' })
    const problems = []
    for (const to of ['639171234568', '639171234569']) {
      problems.push(await problemOf(svc.invoke('otp.send', { input: { to }, ip: '1.1.1.1' }), svc))
    }
    for (const problem of problems) {
      expect(problem).toMatchObject({ status: 503, body: { code: 'store_full' } })
      expect(problem.headers['content-type']).toBe('application/problem+json')
    }
    expect(fake.spies.otp.send).toHaveBeenCalledTimes(1)
    expect(logger.error).toHaveBeenCalledOnce()
    expect(logger.error.mock.calls[0]?.[0]).toMatch(/store_full/)
  })

  it('caps verifies per client address across numbers, before the gateway', async () => {
    const { svc, fake } = service({ otp: { maxVerifiesPerIpPerHour: 3 } })
    for (let i = 0; i < 3; i++) {
      const to = `63917123450${i}`
      const problem = await problemOf(
        svc.invoke('otp.verify', { input: { to, code: '000000' }, ip: '6.6.6.6' }),
        svc,
      )
      expect(problem.status).toBe(422)
    }
    const fourth = await problemOf(
      svc.invoke('otp.verify', { input: { to: '639171234509', code: '000000' }, ip: '6.6.6.6' }),
      svc,
    )
    expect(fourth).toMatchObject({ status: 429, body: { code: 'rate_limited' } })
    expect(fake.spies.otp.verify).toHaveBeenCalledTimes(3)
  })

  it('measures an input that came without a Content-Length (a tRPC input, a chunked body)', async () => {
    const { svc, fake } = service({ bodyLimitBytes: 1_000 })
    const problem = await problemOf(
      svc.invoke('messages.send', {
        input: { to: PHONE, message: 'é'.repeat(600) },
        headers: authed,
      }),
      svc,
    )
    expect(problem).toMatchObject({ status: 413, body: { code: 'payload_too_large' } })
    expect(fake.spies.messages.send).not.toHaveBeenCalled()
    await expect(
      svc.invoke('messages.send', {
        input: { to: PHONE, message: 'é'.repeat(400) },
        headers: authed,
      }),
    ).resolves.toMatchObject({ to: PHONE })
  })

  it('refuses a segments text longer than maxSegments parts before analysing it', async () => {
    const { svc } = service({ maxSegments: 2 })
    await expect(
      svc.invoke('segments', { input: { text: 'x'.repeat(306) } }),
    ).resolves.toMatchObject({
      segmentCount: 2,
    })
    const problem = await problemOf(
      svc.invoke('segments', { input: { text: 'x'.repeat(307) } }),
      svc,
    )
    expect(problem.status).toBe(400)
    expect(problem.body.errors).toEqual([
      {
        path: ['text'],
        message: expect.stringMatching(/306 characters in 2 parts/),
        code: 'too_big',
      },
    ])
  })

  it('passes a bulk with bad numbers to the client, which sends the good ones', async () => {
    const { svc, fake } = service()
    await svc.invoke('messages.sendBulk', {
      input: { to: ['0917 123 4567', 'nope'], message: 'hi' },
      headers: authed,
    })
    expect(fake.spies.messages.sendBulk).toHaveBeenCalledWith({
      to: ['0917 123 4567', 'nope'],
      message: 'hi',
    })
  })

  it('keeps one OpenAPI document per mount and at most a few for request-derived prefixes', () => {
    const { svc } = service({ openapi: createOpenApiDocument })
    expect(svc.openapi({ prefix: '/sms' })).toBe(svc.openapi({ prefix: '/sms' }))
    const tenants = Array.from({ length: 100 }, (_, i) => `/tenant-${i}/sms`)
    for (const prefix of tenants) svc.openapi({ prefix })
    // The last prefixes were built for their call and not kept.
    const last = tenants.at(-1) as string
    expect(svc.openapi({ prefix: last })).not.toBe(svc.openapi({ prefix: last }))
    expect(svc.openapi({ prefix: '/sms' })).toBe(svc.openapi({ prefix: '/sms' }))
  })

  it('keeps the id of the path over one smuggled in the body', async () => {
    const { svc, fake } = service()
    const response = await svc.fetch(
      new Request('http://x/reminders/7', {
        method: 'PATCH',
        headers: { ...authed, 'content-type': 'application/json' },
        body: JSON.stringify({ id: 99, message: 'moved' }),
      }),
    )
    expect(response.status).toBe(200)
    expect(fake.spies.reminders.update).toHaveBeenCalledWith(7, { message: 'moved' })
  })
})

describe('fetch', () => {
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    new Request(`http://x/sms${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authed, ...headers },
      body,
    })

  it('routes under basePath and answers with the success status', async () => {
    const { svc } = service({ basePath: '/sms' })
    const response = await svc.fetch(
      post('/messages', JSON.stringify({ to: PHONE, message: 'hi' })),
    )
    expect(response.status).toBe(201)
    expect(await response.json()).toMatchObject({ messageId: 'iSms-abc12' })
  })

  it('answers malformed JSON with a 400 problem and oversized bodies with 413', async () => {
    const { svc } = service({ basePath: '/sms', bodyLimitBytes: 64 })
    const malformed = await svc.fetch(post('/messages', '{"to":'))
    expect(malformed.status).toBe(400)
    expect(malformed.headers.get('content-type')).toBe('application/problem+json')
    expect(await malformed.json()).toMatchObject({ code: 'invalid_json' })
    const large = await svc.fetch(post('/messages', JSON.stringify({ message: 'x'.repeat(100) })))
    expect(large.status).toBe(413)
  })

  it('answers unknown paths with 404 and wrong methods with 405 and Allow', async () => {
    const { svc } = service({ basePath: '/sms' })
    expect((await svc.fetch(new Request('http://x/sms/nope'))).status).toBe(404)
    expect((await svc.fetch(new Request('http://x/other/messages'))).status).toBe(404)
    const wrong = await svc.fetch(new Request('http://x/sms/messages', { method: 'GET' }))
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('allow')).toBe('POST')
  })

  it('answers a body not declared JSON with 415 before reading it', async () => {
    const { svc, fake } = service({ basePath: '/sms' })
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
      const response = await svc.fetch(
        post('/messages', JSON.stringify({ to: PHONE, message: 'hi' }), { 'content-type': type }),
      )
      expect(response.status).toBe(415)
      expect(await response.json()).toMatchObject({ code: 'unsupported_media_type' })
    }
    const untyped = new Request('http://x/sms/messages', {
      method: 'POST',
      headers: authed,
      body: new Blob(['{}']),
    })
    expect((await svc.fetch(untyped)).status).toBe(415)
    expect(fake.spies.messages.send).not.toHaveBeenCalled()
  })

  it('serves the OpenAPI document when enabled', async () => {
    const { svc } = service({ basePath: '/sms', openapi: createOpenApiDocument })
    const response = await svc.fetch(new Request('http://x/sms/openapi.json'))
    const document = await response.json()
    expect(document.openapi).toBe('3.1.0')
    expect(Object.keys(document.paths)).toContain('/sms/reminders/{id}')
  })

  it('serves no document without the generator, and says how to ask for one', async () => {
    const { svc } = service({ basePath: '/sms' })
    expect((await svc.fetch(new Request('http://x/sms/openapi.json'))).status).toBe(404)
    expect(() => svc.openapi()).toThrow(/openapi: createOpenApiDocument/)
  })

  it('refuses openapi: true at startup instead of ignoring it', () => {
    // A JavaScript caller (or a cast) can still pass the switch this option was before.
    const options = { openapi: true } as unknown as Partial<SmsServiceOptions>
    expect(() => service(options)).toThrow(/openapi takes the generator, not true/)
  })
})
