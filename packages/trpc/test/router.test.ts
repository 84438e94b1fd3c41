import { createClient } from '@iprog-sms/core'
import { type RunningSandbox, startSandbox } from '@iprog-sms/sandbox'
import { initTRPC, TRPCError } from '@trpc/server'
import { fetchRequestHandler } from '@trpc/server/adapters/fetch'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSmsRouter, smsErrorFormatter, smsProblem, smsResponseMeta } from '../src/index.js'

const TOKEN = 'tok_made_up_trpc_router'
const quiet = { warn: () => {}, error: () => {} }
let sandbox: RunningSandbox

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, tokens: { [TOKEN]: 1000 } })
})
afterAll(() => sandbox.close())

interface Context {
  user: string | undefined
  forwardedFor: string
}

function setup(options: { maxSendsPerIpPerHour?: number } = {}) {
  const t = initTRPC.context<Context>().create({ errorFormatter: smsErrorFormatter, isDev: false })
  const protectedProcedure = t.procedure.use(({ ctx, next }) => {
    if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED' })
    return next()
  })
  const router = t.router({
    sms: createSmsRouter({
      client: createClient({ apiToken: TOKEN, baseUrl: sandbox.url }),
      procedure: protectedProcedure,
      publicProcedure: t.procedure,
      getClientIp: (ctx) => ctx.forwardedFor,
      otp: { cooldownSeconds: 0, maxSendsPerIpPerHour: options.maxSendsPerIpPerHour ?? 20 },
      logger: quiet,
    }),
  })
  return { t, router, caller: t.createCallerFactory(router) }
}

describe('createSmsRouter', () => {
  it('makes GET operations queries and the others mutations', () => {
    const { router } = setup()
    const { sms } = router._def.record
    expect(sms.messages.status._def.type).toBe('query')
    expect(sms.account.credits._def.type).toBe('query')
    expect(sms.reminders.get._def.type).toBe('query')
    expect(sms.messages.send._def.type).toBe('mutation')
    expect(sms.segments._def.type).toBe('mutation')
  })

  it("runs the app's own middleware before a credit-spending procedure", async () => {
    const { caller } = setup()
    const anonymous = caller({ user: undefined, forwardedFor: '198.51.100.1' })
    const before = sandbox.sandbox.messages().length
    await expect(
      anonymous.sms.messages.send({ to: '09171230001', message: 'hi' }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    expect(sandbox.sandbox.messages().length).toBe(before)
    const signedIn = caller({ user: 'ana', forwardedFor: '198.51.100.1' })
    const sent = await signedIn.sms.messages.send({ to: '09171230001', message: 'hi' })
    expect(sent.to).toBe('639171230001')
    expect((await signedIn.sms.account.credits()).balance).toEqual(expect.any(Number))
  })

  it('throws a TRPCError whose cause carries the problem details', async () => {
    const { caller } = setup()
    const error = await caller({ user: 'ana', forwardedFor: '198.51.100.2' })
      .sms.messages.send({ to: '12345', message: '' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TRPCError)
    expect((error as TRPCError).code).toBe('BAD_REQUEST')
    expect(smsProblem(error as TRPCError)).toMatchObject({
      status: 400,
      code: 'validation_error',
      errors: [{ path: ['to'] }, { path: ['message'] }],
    })
    expect(smsProblem(new TRPCError({ code: 'FORBIDDEN' }))).toBeNull()
  })

  it('limits OTP sends per client address from getClientIp(ctx)', async () => {
    const { caller } = setup({ maxSendsPerIpPerHour: 1 })
    const from = (forwardedFor: string) => caller({ user: undefined, forwardedFor })
    await from('203.0.113.9').sms.otp.send({ to: '09171230002' })
    const limited = await from('203.0.113.9')
      .sms.otp.send({ to: '09171230003' })
      .catch((e: TRPCError) => e)
    expect(limited).toMatchObject({ code: 'TOO_MANY_REQUESTS' })
    expect(smsProblem(limited as TRPCError)?.retryAfter).toBeGreaterThan(0)
    expect(smsResponseMeta({ errors: [limited as TRPCError] }).headers?.['retry-after']).toMatch(
      /^\d+$/,
    )
    await expect(from('203.0.113.10').sms.otp.send({ to: '09171230003' })).resolves.toMatchObject({
      sent: true,
    })
  })

  it('works with the fetch adapter: wire format and error shape', async () => {
    const { router } = setup()
    const handle = (path: string, init: RequestInit = {}) =>
      fetchRequestHandler({
        endpoint: '/trpc',
        req: new Request(`http://local/trpc/${path}`, init),
        router,
        createContext: () => ({ user: 'ana', forwardedFor: '198.51.100.3' }),
        responseMeta: smsResponseMeta,
      })
    const segments = await handle('sms.segments', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Salamat po' }),
    })
    expect(segments.status).toBe(200)
    expect(await segments.json()).toMatchObject({
      result: { data: { encoding: 'GSM-7', segmentCount: 1 } },
    })
    const input = encodeURIComponent(JSON.stringify({ id: 'abc' }))
    const bad = await handle(`sms.reminders.get?input=${input}`)
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({
      error: {
        data: {
          code: 'BAD_REQUEST',
          problem: { code: 'validation_error', errors: [{ path: ['id'] }] },
        },
      },
    })
  })

  it('refuses an input over the body cap (64 kB by default) before any gateway call', async () => {
    const { caller } = setup()
    const signedIn = caller({ user: 'ana', forwardedFor: '198.51.100.9' })
    const before = sandbox.sandbox.messages().length
    const huge = 'x'.repeat(4 * 1024 * 1024)
    const error = await signedIn.sms.messages
      .send({ to: '09171230009', message: huge })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' })
    expect(smsProblem(error as TRPCError)).toMatchObject({ status: 413, code: 'payload_too_large' })
    expect(sandbox.sandbox.messages().length).toBe(before)
  })
})
