import { afterEach, describe, expect, it, vi } from 'vitest'
import { createClient } from '../src/client/create-client.js'
import type { ClientHooks, RequestInfo } from '../src/client/types.js'
import { IprogError, IprogValidationError, isIprogError } from '../src/errors.js'
import { sendOk, TOKEN } from './gateway-bodies.js'
import { useRecordingServer } from './recording-server.js'

const gw = useRecordingServer()
afterEach(() => {
  vi.unstubAllEnvs()
})

const credits = { status: 'success', message: 'Account found.', data: { load_balance: 3 } }

describe('token and base URL', () => {
  it('creates a client without a token and fails the first call with missing_token', async () => {
    vi.stubEnv('IPROG_SMS_API_TOKEN', '')
    const sms = createClient({ baseUrl: gw.url })
    const error = await sms.account.credits().catch((e) => e)
    expect(isIprogError(error)).toBe(true)
    expect(error).toBeInstanceOf(IprogError)
    expect(error.code).toBe('missing_token')
    expect(error.message).toMatch(/IPROG_SMS_API_TOKEN/)
    expect(gw.requests).toHaveLength(0)
  })

  it('checks the input before complaining about the token', async () => {
    vi.stubEnv('IPROG_SMS_API_TOKEN', '')
    await expect(
      createClient({ baseUrl: gw.url }).messages.send({ to: '12', message: 'Hi' }),
    ).rejects.toBeInstanceOf(IprogValidationError)
  })

  it('reads the token and base URL from the environment at call time', async () => {
    vi.stubEnv('IPROG_SMS_BASE_URL', `${gw.url}/`)
    const sms = createClient()
    vi.stubEnv('IPROG_SMS_API_TOKEN', 'env-token-123456')
    gw.script({ body: credits })
    await sms.account.credits()
    expect(gw.requests[0]?.path).toBe('/api/v1/account/sms_credits')
    expect(gw.requests[0]?.query.api_token).toBe('env-token-123456')
  })

  it('tolerates a trailing slash and keeps a path prefix of baseUrl', async () => {
    gw.script({ body: credits })
    await createClient({ apiToken: TOKEN, baseUrl: `${gw.url}/gw//` }).account.credits()
    expect(gw.requests[0]?.path).toBe('/gw/api/v1/account/sms_credits')
  })

  it('refuses bad options when the client is created', () => {
    expect(() => createClient({ baseUrl: 'ftp://x' })).toThrow(IprogValidationError)
    expect(() => createClient({ timeoutMs: 0 })).toThrow(/timeoutMs/)
    // A timer fires after 1 ms past 2^31 - 1 ms: such a timeout would cut every call at once.
    expect(() => createClient({ timeoutMs: 2 ** 31 })).toThrow(IprogValidationError)
    expect(() => createClient({ timeoutMs: 2 ** 31 })).toThrow(/timeoutMs must be at most/)
    expect(() => createClient({ retry: { maxDelayMs: 2 ** 31 } })).toThrow(/maxDelayMs/)
    expect(() => createClient({ timeoutMs: 2 ** 31 - 1 })).not.toThrow()
    expect(() => createClient({ maxSegments: 0 })).toThrow(/maxSegments/)
    expect(() => createClient({ bulkChunkSize: 0 })).toThrow(/bulkChunkSize/)
    expect(() => createClient({ retry: { retries: -1 } })).toThrow(/retries/)
  })

  it('uses the fetch given in the options', async () => {
    const seen: string[] = []
    const sms = createClient({
      apiToken: TOKEN,
      baseUrl: 'https://gateway.test',
      fetch: async (input) => {
        seen.push(String(input))
        return new Response(JSON.stringify(credits))
      },
    })
    expect((await sms.account.credits()).balance).toBe(3)
    expect(seen[0]).toMatch(/^https:\/\/gateway\.test\/api\/v1\/account\/sms_credits\?/)
  })
})

describe('hooks', () => {
  it('reports request, response, retry and error with a redacted URL and the attempt', async () => {
    gw.script({ status: 503, body: 'down' }, { body: credits })
    const events: [string, RequestInfo & { status?: number; durationMs?: number }][] = []
    const hooks: ClientHooks = {
      onRequest: (ctx) => events.push(['request', ctx]),
      onResponse: (ctx) => events.push(['response', ctx]),
      onRetry: (ctx) => events.push(['retry', ctx]),
      onError: (ctx) => events.push(['error', ctx]),
    }
    await createClient({
      apiToken: TOKEN,
      baseUrl: gw.url,
      retry: { baseDelayMs: 1 },
      hooks,
    }).account.credits()
    expect(events.map(([name, ctx]) => [name, ctx.attempt, ctx.status])).toEqual([
      ['request', 1, undefined],
      ['response', 1, 503],
      ['retry', 1, undefined],
      ['request', 2, undefined],
      ['response', 2, 200],
    ])
    const url = `${gw.url}/api/v1/account/sms_credits?api_token=[REDACTED]`
    for (const [, ctx] of events) expect(ctx).toMatchObject({ method: 'GET', url })
    expect(typeof events[1]?.[1].durationMs).toBe('number')
  })

  it('calls onError once with the final error', async () => {
    gw.script({ status: 400, body: { status: 500, message: 'Bad' } })
    const errors: unknown[] = []
    await createClient({
      apiToken: TOKEN,
      baseUrl: gw.url,
      hooks: { onError: (ctx) => errors.push(ctx.error) },
    })
      .messages.send({ to: '09171234567', message: 'Hi' })
      .catch(() => {})
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ code: 'api_error', gatewayMessage: 'Bad' })
  })

  it('keeps sending when a hook throws', async () => {
    gw.script({ body: sendOk() })
    const boom = () => {
      throw new Error('logger broke')
    }
    const sent = await createClient({
      apiToken: TOKEN,
      baseUrl: gw.url,
      hooks: { onRequest: boom, onResponse: boom },
    }).messages.send({ to: '09171234567', message: 'Hi' })
    expect(sent.messageId).toBe('iSms-abc123')
  })
})

describe('the attempt signal', () => {
  it('is never aborted by a successful call, and one serves all attempts of a call', async () => {
    const signals: (AbortSignal | null | undefined)[] = []
    let calls = 0
    const sms = createClient({
      apiToken: TOKEN,
      baseUrl: 'https://gateway.test',
      retry: { retries: 2, baseDelayMs: 0, maxDelayMs: 0 },
      fetch: async (_input, init) => {
        signals.push(init?.signal)
        calls++
        return calls === 1
          ? new Response('down', { status: 503 })
          : new Response(JSON.stringify(credits))
      },
    })
    await sms.account.credits()
    expect(signals).toHaveLength(2)
    expect(signals[0]).toBe(signals[1])
    expect(signals[0]?.aborted).toBe(false)
  })
})
