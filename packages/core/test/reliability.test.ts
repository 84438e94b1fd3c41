import { describe, expect, it } from 'vitest'
import { createClient } from '../src/client/create-client.js'
import type { ClientOptions } from '../src/client/types.js'
import {
  IprogAbortError,
  IprogApiError,
  IprogAuthError,
  IprogNetworkError,
  IprogTimeoutError,
} from '../src/errors.js'
import { invalidToken, TOKEN } from './gateway-bodies.js'
import { closedPortUrl, useRecordingServer } from './recording-server.js'

const gw = useRecordingServer()

// Waits for a condition on real I/O (the server got the request), without a fixed delay.
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5))
}

const credits = { status: 'success', message: 'Account found.', data: { load_balance: 10 } }
const client = (options: ClientOptions = {}) =>
  createClient({
    apiToken: TOKEN,
    baseUrl: gw.url,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...options,
  })
const send = (options: ClientOptions = {}) =>
  client(options)
    .messages.send({ to: '09171234567', message: 'Hi' })
    .catch((e) => e)

describe('retries of GETs', () => {
  it('retries HTTP 5xx and 429, then succeeds', async () => {
    gw.script({ status: 503, body: 'down' }, { status: 429, body: '' }, { body: credits })
    const result = await client().account.credits()
    expect(result.balance).toBe(10)
    expect(gw.requests).toHaveLength(3)
  })

  it('gives up after the configured retries with the last error', async () => {
    gw.script({ status: 500, body: { status: 500, message: 'Server error' } })
    const error = await client({ retry: { retries: 1, baseDelayMs: 1 } })
      .account.credits()
      .catch((e) => e)
    expect(error).toBeInstanceOf(IprogApiError)
    expect(error.gatewayMessage).toBe('Server error')
    expect(gw.requests).toHaveLength(2)
  })

  it('honours Retry-After, capped at maxDelayMs', async () => {
    gw.script({ status: 429, headers: { 'retry-after': '120' }, body: '' }, { body: credits })
    const delays: number[] = []
    await client({
      retry: { baseDelayMs: 1, maxDelayMs: 20 },
      hooks: { onRetry: (ctx) => delays.push(ctx.delayMs) },
    }).account.credits()
    expect(delays).toEqual([20])
  })

  it('does not retry a body-level refusal such as an invalid token', async () => {
    gw.script({ body: invalidToken })
    await expect(client().account.credits()).rejects.toBeInstanceOf(IprogAuthError)
    expect(gw.requests).toHaveLength(1)
  })

  it('retries a GET that timed out', async () => {
    // The first attempt gets no reply at all, so only the timeout can end it; the second has
    // seconds to get its immediate reply back, however loaded the machine.
    gw.script({ hang: true }, { body: credits })
    const retries: string[] = []
    const result = await client({
      timeoutMs: 2_000,
      hooks: { onRetry: (ctx) => retries.push(ctx.error.code) },
    }).account.credits()
    expect(result.balance).toBe(10)
    expect(retries).toEqual(['timeout_error'])
    expect(gw.requests).toHaveLength(2)
  })

  it('does not retry when retry is false', async () => {
    gw.script({ status: 503, body: 'down' })
    await expect(client({ retry: false }).account.credits()).rejects.toBeInstanceOf(IprogApiError)
    expect(gw.requests).toHaveLength(1)
  })
})

describe('sends are never repeated unless they certainly never left', () => {
  it('does not retry a POST answered with HTTP 503', async () => {
    gw.script({ status: 503, body: 'down' })
    expect(await send()).toBeInstanceOf(IprogApiError)
    expect(gw.requests).toHaveLength(1)
  })

  it('reports a POST timeout as maybeDelivered, without retrying', async () => {
    gw.script({ hang: true })
    // Seconds, not ms: the request must reach the (hanging) gateway inside this test on a
    // loaded machine, or it would arrive late and be counted by the next one.
    const error = await send({ timeoutMs: 2_000 })
    expect(error).toBeInstanceOf(IprogTimeoutError)
    expect(error).toMatchObject({ maybeDelivered: true, timeoutMs: 2_000, code: 'timeout_error' })
    expect(gw.requests).toHaveLength(1)
  })

  it('reports a connection dropped mid-request as maybeDelivered, without retrying', async () => {
    gw.script({ destroy: true })
    const error = await send()
    expect(error).toBeInstanceOf(IprogNetworkError)
    expect(error.maybeDelivered).toBe(true)
    expect(gw.requests).toHaveLength(1)
  })

  it('retries a POST whose connection was refused, then reports it not delivered', async () => {
    const attempts: number[] = []
    const error = await send({
      baseUrl: await closedPortUrl(),
      hooks: { onRequest: (ctx) => attempts.push(ctx.attempt) },
    })
    expect(error).toBeInstanceOf(IprogNetworkError)
    expect(error).toMatchObject({ maybeDelivered: false })
    expect(error.message).toContain('ECONNREFUSED')
    expect(error.cause.code).toBe('ECONNREFUSED')
    expect(attempts).toEqual([1, 2, 3])
  })

  it('retries a POST after a DNS failure', async () => {
    const attempts: number[] = []
    const error = await send({
      baseUrl: 'http://no-such-host.invalid',
      retry: { retries: 1, baseDelayMs: 1 },
      hooks: { onRequest: (ctx) => attempts.push(ctx.attempt) },
    })
    expect(error).toBeInstanceOf(IprogNetworkError)
    expect(error.maybeDelivered).toBe(false)
    expect(attempts).toEqual([1, 2])
  })
})

describe('the caller’s AbortSignal', () => {
  it('refuses to start when the signal has already fired', async () => {
    const reason = new Error('user left')
    const error = await client()
      .account.credits({ signal: AbortSignal.abort(reason) })
      .catch((e) => e)
    expect(error).toBeInstanceOf(IprogAbortError)
    expect(error.cause).toBe(reason)
    expect(gw.requests).toHaveLength(0)
  })

  it('cancels a request in flight as an abort, not a timeout', async () => {
    gw.script({ hang: true })
    const controller = new AbortController()
    const pending = client({ timeoutMs: 60_000 })
      .account.credits({ signal: controller.signal })
      .catch((e) => e)
    await until(() => gw.requests.length === 1)
    controller.abort('stop')
    const error = await pending
    expect(error).toBeInstanceOf(IprogAbortError)
    expect(error.cause).toBe('stop')
  })

  it('cuts the backoff sleep short', async () => {
    gw.script({ status: 503, body: 'down' })
    const controller = new AbortController()
    const error = await client({
      retry: { retries: 5, baseDelayMs: 60_000, maxDelayMs: 60_000 },
      hooks: { onRetry: () => controller.abort('enough') },
    })
      .account.credits({ signal: controller.signal })
      .catch((e) => e)
    expect(error).toBeInstanceOf(IprogAbortError)
    expect(error.cause).toBe('enough')
    expect(gw.requests).toHaveLength(1)
  })

  it('stops a bulk send from starting further chunks', async () => {
    gw.script({ delayMs: 20, body: { status: 200, message: 'ok', message_ids: 'iSms-1' } })
    const controller = new AbortController()
    const result = await client({
      bulkChunkSize: 1,
      bulkConcurrency: 1,
      hooks: { onResponse: () => controller.abort('halt') },
    }).messages.sendBulk(
      { to: ['09170000001', '09170000002', '09170000003'], message: 'Hi' },
      { signal: controller.signal },
    )
    expect(gw.requests).toHaveLength(1)
    expect(result.accepted.map((a) => a.to)).toEqual(['639170000001'])
    expect(result.rejected.map((r) => [r.to, r.error.code, r.error.maybeDelivered])).toEqual([
      ['639170000002', 'aborted', false],
      ['639170000003', 'aborted', false],
    ])
  })
})
