// client.messages.waitForStatus against the sandbox over real HTTP. The client's clock is the
// sandbox's frozen clock, so the deadline and the message's settling move only when the test
// moves them: no wall-clock margin anywhere.
import { createClient, IprogTimeoutError, IprogValidationError } from '@iprog-sms/core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type RunningSandbox, startSandbox } from '../src/serve/node-server.js'

const TOKEN = 'wait-test-token'
let running: RunningSandbox
let statusCalls = 0

beforeAll(async () => {
  running = await startSandbox({
    port: 0,
    tokens: { [TOKEN]: 100 },
    freezeClock: true,
    statusDelayMs: 2000,
    failNumbers: ['09170000000'],
  })
})
afterAll(() => running.close())
beforeEach(() => {
  running.sandbox.reset()
  statusCalls = 0
})

const client = () =>
  createClient({
    apiToken: TOKEN,
    baseUrl: running.url,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    now: () => running.sandbox.clock.now(),
    fetch: (input, init) => {
      if (String(input).includes('/sms_messages/status')) statusCalls++
      return fetch(input, init)
    },
  })

// Resolves once the client has polled `count` times in all.
async function polled(count: number): Promise<void> {
  while (statusCalls < count) await new Promise((resolve) => setTimeout(resolve, 5))
}

describe('messages.waitForStatus', () => {
  it('keeps polling while pending and gives the completed status once the clock moves', async () => {
    const sms = client()
    const { messageId } = await sms.messages.send({ to: '09171234567', message: 'Hi' })
    let settled = false
    const waiting = sms.messages
      .waitForStatus(messageId, { intervalMs: 5, timeoutMs: 10_000 })
      .finally(() => {
        settled = true
      })
    await polled(3)
    expect(settled).toBe(false)
    running.sandbox.clock.advance(2000)
    const result = await waiting
    expect(result).toMatchObject({ messageId, status: 'completed' })
  })

  it('gives a failed status as a result, not an error', async () => {
    const sms = client()
    const { messageId } = await sms.messages.send({ to: '09170000000', message: 'Hi' })
    const waiting = sms.messages.waitForStatus(messageId, { intervalMs: 5 })
    await polled(1)
    running.sandbox.clock.advance(2000)
    expect((await waiting).status).toBe('failed')
  })

  it('times out on the client clock with a typed error', async () => {
    running.sandbox.configure({ statusDelayMs: 600_000 })
    const sms = client()
    const { messageId } = await sms.messages.send({ to: '09171234567', message: 'Hi' })
    const waiting = sms.messages.waitForStatus(messageId, { intervalMs: 5, timeoutMs: 5000 })
    const outcome = waiting.then(
      () => undefined,
      (error: unknown) => error,
    )
    await polled(2)
    running.sandbox.clock.advance(5000)
    const error = await outcome
    expect(error).toBeInstanceOf(IprogTimeoutError)
    expect(error).toMatchObject({ timeoutMs: 5000, maybeDelivered: false })
    expect((error as Error).message).toContain('pending')
  })

  it('stops when the signal aborts', async () => {
    const sms = client()
    const { messageId } = await sms.messages.send({ to: '09171234567', message: 'Hi' })
    const controller = new AbortController()
    const waiting = sms.messages.waitForStatus(messageId, {
      intervalMs: 5,
      signal: controller.signal,
    })
    await polled(2)
    controller.abort()
    await expect(waiting).rejects.toMatchObject({ code: 'aborted' })
  })

  it('refuses bad options before any request', async () => {
    await expect(
      client().messages.waitForStatus('iSms-1', { intervalMs: 0 }),
    ).rejects.toBeInstanceOf(IprogValidationError)
    expect(statusCalls).toBe(0)
  })
})
