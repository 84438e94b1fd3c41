import type { AddressInfo } from 'node:net'
import { createClient } from '@iprog-sms/core'
import { type RunningSandbox, startSandbox } from '@iprog-sms/sandbox'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import iprogSmsDefault, { iprogSms } from '../src/index.js'

const TOKEN_A = 'tok_made_up_fastify_a'
const TOKEN_B = 'tok_made_up_fastify_b'
const quiet = { warn: () => {}, error: () => {} }

let sandbox: RunningSandbox
let app: FastifyInstance | undefined

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, tokens: { [TOKEN_A]: 1000, [TOKEN_B]: 1000 } })
})
afterAll(() => sandbox.close())
afterEach(async () => {
  await app?.close()
  app = undefined
})

const clientFor = (apiToken: string) => createClient({ apiToken, baseUrl: sandbox.url })

async function listen(instance: FastifyInstance): Promise<string> {
  await instance.listen({ port: 0, host: '127.0.0.1' })
  return `http://127.0.0.1:${(instance.server.address() as AddressInfo).port}`
}

async function send(url: string, to: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ to, message: 'hello' }),
  })
  return { status: response.status, body: await response.json() }
}

describe('iprogSms plugin', () => {
  it('is the default export too', () => {
    expect(iprogSmsDefault).toBe(iprogSms)
  })

  it('decorates fastify.sms with the client for the app’s own routes', async () => {
    const client = clientFor(TOKEN_A)
    app = Fastify()
    await app.register(iprogSms, { client, authorize: 'public', logger: quiet })
    app.post('/signup', async (request) => {
      const { to } = request.body as { to: string }
      return app?.sms.messages.send({ to, message: 'Welcome!' })
    })
    const base = await listen(app)
    expect(app.sms).toBe(client)
    const answer = await fetch(`${base}/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: '09171110001' }),
    })
    expect(answer.status).toBe(200)
    expect(sandbox.sandbox.messages({ to: '09171110001' })).toHaveLength(1)
  })

  it('keeps two instances with different prefixes and clients apart', async () => {
    app = Fastify()
    await app.register(iprogSms, {
      prefix: '/a',
      client: clientFor(TOKEN_A),
      authorize: (ctx) => ctx.headers.get('x-key') === 'a',
      logger: quiet,
    })
    await app.register(iprogSms, {
      prefix: '/b',
      client: clientFor(TOKEN_B),
      authorize: (ctx) => ctx.headers.get('x-key') === 'b',
      decorate: false,
      logger: quiet,
    })
    const base = await listen(app)
    const before = sandbox.sandbox.balances()
    expect((await send(`${base}/a/messages`, '09171110002', { 'x-key': 'a' })).status).toBe(201)
    expect((await send(`${base}/b/messages`, '09171110003', { 'x-key': 'b' })).status).toBe(201)
    expect((await send(`${base}/b/messages`, '09171110003', { 'x-key': 'a' })).status).toBe(403)
    const after = sandbox.sandbox.balances()
    expect(before[TOKEN_A]! - after[TOKEN_A]!).toBe(1)
    expect(before[TOKEN_B]! - after[TOKEN_B]!).toBe(1)
    expect((await fetch(`${base}/messages`, { method: 'POST' })).status).toBe(404)
  })

  it('refuses a second fastify.sms in one scope with a hint', async () => {
    app = Fastify()
    await app.register(iprogSms, { client: clientFor(TOKEN_A), routes: false })
    await expect(
      app.register(iprogSms, { client: clientFor(TOKEN_B), routes: false }),
    ).rejects.toThrow(/decorate: false/)
  })

  it('gives each encapsulated scope its own fastify.sms', async () => {
    app = Fastify()
    const a = clientFor(TOKEN_A)
    const b = clientFor(TOKEN_B)
    const seen: unknown[] = []
    for (const client of [a, b]) {
      await app.register(async (scope) => {
        await scope.register(iprogSms, { client, routes: false })
        seen.push(scope.sms)
      })
    }
    await app.ready()
    expect(seen).toEqual([a, b])
    expect(app.hasDecorator('sms')).toBe(false)
  })

  it('mounts no route and needs no authorize with routes: false', async () => {
    app = Fastify()
    await app.register(iprogSms, {
      clientOptions: { apiToken: TOKEN_A, baseUrl: sandbox.url },
      routes: false,
    })
    const base = await listen(app)
    expect((await send(`${base}/messages`, '09171110004')).status).toBe(404)
    expect((await app.sms.account.credits()).balance).toEqual(expect.any(Number))
  })

  it('closes a store that has close() with the app', async () => {
    let closed = 0
    const store = {
      increment: async () => ({ count: 1, resetAt: Date.now() + 1000 }),
      get: async () => undefined,
      delete: async () => {},
      close: async () => {
        closed++
      },
    }
    const instance = Fastify()
    await instance.register(iprogSms, {
      client: clientFor(TOKEN_A),
      authorize: 'public',
      store,
      logger: quiet,
    })
    await instance.ready()
    expect(closed).toBe(0)
    await instance.close()
    expect(closed).toBe(1)
  })

  it("counts the per-address OTP limit by Fastify's own trustProxy when core's is unset", async () => {
    app = Fastify({ trustProxy: true })
    await app.register(iprogSms, {
      prefix: '/sms',
      client: clientFor(TOKEN_A),
      authorize: 'public',
      otp: { cooldownSeconds: 0, maxSendsPerIpPerHour: 1 },
      logger: quiet,
    })
    const base = await listen(app)
    const otp = (to: string, ip: string) =>
      fetch(`${base}/sms/otp/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify({ to }),
      })
    expect((await otp('09171110005', '198.51.100.7')).status).toBe(201)
    expect((await otp('09171110006', '198.51.100.7')).status).toBe(429)
    expect((await otp('09171110007', '198.51.100.8')).status).toBe(201)
  })

  it('validates every body once, in core (Fastify compiles no validator of its own)', async () => {
    app = Fastify()
    const verdicts: unknown[] = []
    app.addHook('preHandler', async (request) => {
      verdicts.push(request.validationError?.message)
    })
    await app.register(iprogSms, { client: clientFor(TOKEN_A), authorize: 'public', logger: quiet })
    const base = await listen(app)
    const post = (body: unknown) =>
      fetch(`${base}/segments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    expect((await post({ text: 'hi' })).status).toBe(200)
    const refused = await post({ text: 5 })
    expect(refused.status).toBe(400)
    // No coercion to "5" and no ajv verdict: core's zod schema refused the number.
    expect(verdicts).toEqual([undefined, undefined])
    expect(await refused.json()).toMatchObject({
      errors: [{ path: ['text'], message: 'Text must be a string' }],
    })
    // Path strings reach core as strings; its id schema reads them.
    expect((await fetch(`${base}/reminders/12`)).status).not.toBe(400)
    expect(verdicts).toHaveLength(3)
  })

  it('declares JSON schemas on its routes for schema readers', async () => {
    app = Fastify()
    const schemas: Record<string, unknown> = {}
    app.addHook('onRoute', (route) => {
      schemas[`${route.method} ${route.url}`] = route.schema
    })
    await app.register(iprogSms, {
      prefix: '/sms',
      client: clientFor(TOKEN_A),
      authorize: 'public',
      logger: quiet,
    })
    await app.ready()
    expect(schemas['POST /sms/messages']).toMatchObject({
      body: {
        type: 'object',
        required: ['to', 'message'],
        properties: { message: { type: 'string', minLength: 1 } },
      },
    })
    expect(schemas['PATCH /sms/reminders/:id']).toMatchObject({
      params: { required: ['id'], properties: { id: { type: 'integer' } } },
      body: { type: 'object', required: [] },
    })
  })

  it('answers an unknown path under its prefix with a 404 problem, empty JSON body or not', async () => {
    app = Fastify()
    app.get('/elsewhere', async () => ({ mine: true }))
    await app.register(iprogSms, {
      prefix: '/sms',
      client: clientFor(TOKEN_A),
      authorize: 'public',
      logger: quiet,
    })
    const base = await listen(app)
    const answers = [
      await fetch(`${base}/sms/nope`),
      await fetch(`${base}/sms/nope`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      }),
      await fetch(`${base}/sms/nope`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"broken": ',
      }),
    ]
    for (const response of answers) {
      expect(response.status).toBe(404)
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
      expect(await response.json()).toMatchObject({ status: 404, code: 'not_found' })
    }
    // The app's own routes, outside the prefix, are untouched.
    expect(await (await fetch(`${base}/elsewhere`)).json()).toEqual({ mine: true })
  })
})
