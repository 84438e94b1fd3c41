// The real client (@iprog-sms/core) against the sandbox's injected faults, over real HTTP.
import {
  type ClientOptions,
  createClient,
  IprogApiError,
  IprogNetworkError,
  IprogTimeoutError,
} from '@iprog-sms/core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type RunningSandbox, startSandbox } from '../src/serve/node-server.js'

const TOKEN = 'fault-test-token'
const SEND = '/api/v1/sms_messages'
const CREDITS = '/api/v1/account/sms_credits'
let running: RunningSandbox

beforeAll(async () => {
  running = await startSandbox({ port: 0, tokens: { [TOKEN]: 100 } })
})
afterAll(() => running.close())
beforeEach(() => running.sandbox.reset())

const client = (options: ClientOptions = {}) =>
  createClient({
    apiToken: TOKEN,
    baseUrl: running.url,
    retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 },
    ...options,
  })

const send = (options?: ClientOptions) =>
  client(options).messages.send({ to: '09171234567', message: 'x' })

describe('HTTP 500', () => {
  it('a GET is retried and succeeds', async () => {
    running.sandbox.faults.add({ kind: 'http-500', path: CREDITS, times: 2 })
    expect((await client().account.credits()).balance).toBe(100)
    expect(running.sandbox.faults.list()).toEqual([])
  })

  it('a POST is not retried: one attempt, an IprogApiError, nothing sent', async () => {
    running.sandbox.faults.add({ kind: 'http-500', path: SEND, times: 2 })
    const error = await send().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IprogApiError)
    expect(error).toMatchObject({ httpStatus: 500 })
    expect(running.sandbox.faults.list()[0]?.remaining).toBe(1)
    expect(running.sandbox.messages()).toEqual([])
  })
})

describe('gateway error body', () => {
  it('is an IprogApiError carrying the gateway message', async () => {
    running.sandbox.faults.add({
      kind: 'gateway-error',
      path: SEND,
      message: 'Upstream provider unavailable',
    })
    await expect(send()).rejects.toMatchObject({
      gatewayMessage: 'Upstream provider unavailable',
      bodyStatus: 500,
    })
  })
})

describe('connection reset', () => {
  it('a POST is not retried and may have been delivered', async () => {
    running.sandbox.faults.add({ kind: 'reset', path: SEND })
    const error = await send().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IprogNetworkError)
    expect((error as IprogNetworkError).maybeDelivered).toBe(true)
    expect(running.sandbox.messages()).toEqual([])
  })

  it('a GET is retried after a reset', async () => {
    running.sandbox.faults.add({ kind: 'reset', path: CREDITS })
    expect((await client().account.credits()).balance).toBe(100)
  })
})

describe('malformed JSON', () => {
  it('is an IprogApiError, while the send did happen', async () => {
    running.sandbox.faults.add({ kind: 'malformed-json', path: SEND })
    await expect(send()).rejects.toBeInstanceOf(IprogApiError)
    expect(running.sandbox.messages()).toHaveLength(1)
  })
})

describe('delay past the timeout', () => {
  it('a send times out with maybeDelivered, and the message was in fact sent', async () => {
    // Seconds of margin on both sides: a loaded machine must still get the request through
    // before the client gives up, and the reply must still come well after that.
    running.sandbox.faults.add({ kind: 'timeout', path: SEND, delayMs: 60_000 })
    const error = await send({ timeoutMs: 2_000 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IprogTimeoutError)
    expect((error as IprogTimeoutError).maybeDelivered).toBe(true)
    expect(running.sandbox.messages()).toHaveLength(1)
  })
})

describe('rate', () => {
  it('with every request faulted, GETs exhaust their retries', async () => {
    running.sandbox.faults.add({ kind: 'http-500', path: CREDITS, rate: 1 })
    await expect(client().account.credits()).rejects.toMatchObject({ httpStatus: 500 })
    expect(running.sandbox.faults.list()[0]?.hits).toBe(3)
  })
})
