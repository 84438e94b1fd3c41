/**
 * Checks only a REST adapter can fail: body parsing, size cap, OpenAPI, setup, client address.
 */
import { createServer } from 'node:net'
import { createClient } from '@iprog-sms/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StartAdapter, StartedAdapter } from './describe-adapter.js'
import type { ConformanceEnvironment } from './environment.js'
import { expectProblem } from './expect-problem.js'
import { recordingLogger } from './recording-logger.js'
import { createRestDriver, type RestDriver } from './rest-driver.js'
import { AUTHORIZED, PHONES } from './scenarios.js'

export interface RestScenarioContext {
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
  const sandbox = () => get().env.sandbox
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
      const before = sandbox().messages().length
      const body = JSON.stringify({ to: PHONES.send, message: 'x'.repeat(70_000) })
      const outcome = await post('/messages', body)
      expectProblem(outcome, 413)
      expect(outcome.body.code).toBe('payload_too_large')
      expect(sandbox().messages().length).toBe(before)
    })

    it('answers a body of one chunked stream over 64 kB (no Content-Length) with a 413', async () => {
      const before = sandbox().messages().length
      const text = JSON.stringify({ to: PHONES.send, message: 'x'.repeat(70_000) })
      const bytes = new TextEncoder().encode(text)
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 8_192)
            controller.enqueue(bytes.slice(i, i + 8_192))
          controller.close()
        },
      })
      const outcome = await get().driver.request('/messages', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...AUTHORIZED },
        body,
        duplex: 'half',
      } as RequestInit)
      expectProblem(outcome, 413)
      expect(sandbox().messages().length).toBe(before)
    })

    for (const [title, contentType, body] of [
      [
        'text/plain (a cross-site no-cors fetch)',
        'text/plain',
        '{"to":"09171000001","message":"x"}',
      ],
      ['a form post', 'application/x-www-form-urlencoded', 'to=09171000001&message=x'],
      ['no Content-Type at all', undefined, '{"to":"09171000001","message":"x"}'],
    ] as const) {
      it(`answers a body sent as ${title} with 415 and sends nothing`, async () => {
        const before = sandbox().messages().length
        const headers: Record<string, string> = { ...AUTHORIZED }
        if (contentType !== undefined) headers['content-type'] = contentType
        const blob = new Blob([body], contentType ? { type: contentType } : {})
        const outcome = await get().driver.request('/messages', {
          method: 'POST',
          headers,
          // A Blob without a type makes fetch send no Content-Type.
          body: contentType === undefined ? blob : body,
        })
        expectProblem(outcome, 415)
        expect(outcome.body.code).toBe('unsupported_media_type')
        expect(sandbox().messages().length).toBe(before)
      })
    }

    it('takes a JSON body declared with parameters or as a +json type', async () => {
      for (const type of ['application/json; charset=utf-8', 'application/merge-patch+json']) {
        const outcome = await post('/segments', '{"text":"hi"}', { 'content-type': type })
        expect(outcome.status).toBe(200)
      }
    })

    it('words the OTP SMS with the server option otp.message', async () => {
      const outcome = await get().driver.call('otp.send', { to: PHONES.otpText })
      expect(outcome.status).toBe(201)
      const issued = sandbox().otps({ to: PHONES.otpText }).at(-1)
      expect(issued?.message).toMatch(/^Your conformance code is \d+$/)
    })

    it('serves an OpenAPI 3.1 document whose server and paths name the real routes', async () => {
      const outcome = await get().driver.request('/openapi.json')
      expect(outcome.status).toBe(200)
      expect(outcome.body.openapi).toBe('3.1.0')
      // As OpenAPI tools read it: the server URL resolved against the document's own URL (no
      // servers: the host root), then the path appended.
      const documentUrl = `${get().driver.baseUrl}/openapi.json`
      const server = new URL(outcome.body.servers?.[0]?.url ?? '/', documentUrl).href
      const routes = Object.keys(outcome.body.paths).map((path) => server.replace(/\/$/, '') + path)
      expect(routes).toContain(`${get().driver.baseUrl}/messages`)
      const messages = Object.keys(outcome.body.paths).find((path) => path.endsWith('/messages'))
      expect(outcome.body.paths[messages ?? ''].post.security).toEqual([{ smsAuthorize: [] }])
    })

    it('refuses to mount credit-spending routes without authorize', async () => {
      const { start, env, preParsedBody } = get()
      const options = { client: env.client, logger: recordingLogger() }
      await expect(start({ options, prefix: '/sms', preParsedBody })).rejects.toThrow(
        /authorize.*'public'/s,
      )
    })

    it('says maybeDelivered: false when the gateway could not be reached at all', async () => {
      const { start, preParsedBody } = get()
      const client = createClient({
        apiToken: 'unreachable-test',
        baseUrl: await closedPortUrl(),
        retry: false,
      })
      const options = { client, authorize: 'public' as const, logger: recordingLogger() }
      const app = await start({ options, prefix: '/sms', preParsedBody })
      try {
        const driver = createRestDriver(app.baseUrl)
        const outcome = await driver.call('messages.send', { to: PHONES.send, message: 'hi' })
        expectProblem(outcome, 502)
        expect(outcome.body).toMatchObject({ code: 'network_error', maybeDelivered: false })
      } finally {
        await app.close()
      }
    })

    it('aborts the gateway read when the caller goes away', async () => {
      const { start, preParsedBody } = get()
      const gateway = stalledGateway()
      const client = createClient({
        apiToken: 'abort-test',
        baseUrl: gateway.url,
        fetch: gateway.fetch,
        // Far beyond the test's own timeout: only the caller's disconnect can abort this read.
        timeoutMs: 600_000,
      })
      const options = { client, authorize: 'public' as const, logger: recordingLogger() }
      const app = await start({ options, prefix: '/sms', preParsedBody })
      try {
        const caller = new AbortController()
        const pending = fetch(`${app.baseUrl}/credits`, { signal: caller.signal }).catch(() => null)
        await gateway.reached
        caller.abort()
        // Resolves only when the adapter passed the disconnect on; otherwise the test times out.
        await gateway.aborted
        expect(await pending).toBeNull()
      } finally {
        await app.close()
      }
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

// A gateway that never answers: it says when a request reached it and when that request's
// signal fired.
function stalledGateway() {
  let reach = () => {}
  let abort = () => {}
  const reached = new Promise<void>((resolve) => {
    reach = resolve
  })
  const aborted = new Promise<void>((resolve) => {
    abort = resolve
  })
  const stalled: typeof fetch = (_input, init) =>
    new Promise((_resolve, reject) => {
      reach()
      init?.signal?.addEventListener('abort', () => {
        abort()
        reject(init.signal?.reason)
      })
    })
  return { url: 'http://gateway.invalid', fetch: stalled, reached, aborted }
}

// A URL on which nothing listens: a port the OS just handed out and took back.
async function closedPortUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}
