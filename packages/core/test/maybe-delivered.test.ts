// `maybeDelivered` on every error of a call that can send: false only when the request certainly
// never reached the gateway or the gateway answered a well-formed refusal (ARCHITECTURE
// principle 5). A caller that trusts a wrong `false` and resends sends the SMS twice.
import { describe, expect, it } from 'vitest'
import { createClient } from '../src/client/create-client.js'
import type { ClientOptions, SmsClient } from '../src/client/types.js'
import { IprogError, isIprogError } from '../src/errors.js'
import { bulkOk, invalidToken, reminderData, sendOk, success, TOKEN } from './gateway-bodies.js'
import { closedPortUrl, type ScriptedReply, useRecordingServer } from './recording-server.js'

const gw = useRecordingServer()

const NOW = Date.parse('2030-03-01T00:00:00Z')
const client = (options: ClientOptions = {}) =>
  createClient({
    apiToken: TOKEN,
    baseUrl: gw.url,
    retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 },
    now: () => NOW,
    ...options,
  })

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5))
}

const failureOf = async (call: Promise<unknown>): Promise<IprogError> => {
  const outcome = await call.then(
    () => undefined,
    (error: unknown) => error,
  )
  if (!isIprogError(outcome)) throw new Error(`expected an IprogError, got ${String(outcome)}`)
  return outcome
}

// Every call that can send, with the success body its gateway endpoint gives.
const sends: [string, (sms: SmsClient, signal?: AbortSignal) => Promise<unknown>][] = [
  [
    'messages.send',
    (sms, signal) => sms.messages.send({ to: '09171234567', message: 'Hi' }, { signal }),
  ],
  [
    'otp.send',
    (sms, signal) => sms.otp.send({ to: '09171234567', message: 'Code :otp' }, { signal }),
  ],
  [
    'reminders.create',
    (sms, signal) =>
      sms.reminders.create(
        { to: '09171234567', message: 'Bill', scheduledAt: new Date(NOW + 3_600_000) },
        { signal },
      ),
  ],
  ['reminders.update', (sms, signal) => sms.reminders.update(7, { message: 'Bill' }, { signal })],
]

const mayHaveSent: [string, ScriptedReply][] = [
  ['HTTP 500 with an HTML page', { status: 500, body: '<html><h1>Server Error</h1></html>' }],
  ['HTTP 500 with a JSON error body', { status: 500, body: { status: 500, message: 'Oops' } }],
  ['HTTP 503 with an empty body', { status: 503, body: '' }],
  ['a non-JSON 2xx', { status: 200, body: 'OK' }],
  ['a truncated JSON reply', { status: 200, body: '{"status":200,"message":"SMS succ' }],
  ['a 2xx JSON object that is no envelope', { status: 200, body: { ok: true } }],
  ['a success without the field the client needs', { status: 200, body: { status: 200 } }],
  ['a dropped connection', { destroy: true }],
]

const refused: [string, ScriptedReply][] = [
  ['the gateway refusal in an HTTP 200', { body: { status: 500, message: 'Not allowed' } }],
  [
    'the refusal mirrored as HTTP 402',
    { status: 402, body: { status: 402, message: ['No', 'x'] } },
  ],
  ['an invalid token', { body: invalidToken }],
  [
    'an error-status refusal (HTTP 422)',
    { status: 422, body: { status: 'error', message: 'Bad' } },
  ],
]

describe('maybeDelivered is true when the gateway may have done the work', () => {
  for (const [name, call] of sends) {
    for (const [label, reply] of mayHaveSent) {
      it(`${name}: ${label}`, async () => {
        // A reminder success without `data.id` is the "missing field" case of these endpoints.
        gw.script(reply)
        const error = await failureOf(call(client()))
        expect(error.maybeDelivered, error.message).toBe(true)
        expect(gw.requests).toHaveLength(1)
      })
    }

    it(`${name}: a timeout`, async () => {
      gw.script({ hang: true })
      // Seconds of timeout, so the request reaches the hanging gateway inside this test even on a
      // loaded machine (a late one would be counted by the next test).
      const error = await failureOf(call(client({ timeoutMs: 2_000 })))
      expect(error).toMatchObject({ code: 'timeout_error', maybeDelivered: true })
      expect(gw.requests).toHaveLength(1)
    })

    it(`${name}: the caller's abort after the request left`, async () => {
      gw.script({ hang: true })
      const controller = new AbortController()
      const pending = failureOf(call(client({ timeoutMs: 60_000 }), controller.signal))
      await until(() => gw.requests.length === 1)
      controller.abort('user left')
      expect(await pending).toMatchObject({ code: 'aborted', maybeDelivered: true })
    })
  }
})

describe('maybeDelivered is false only when nothing can have been sent', () => {
  for (const [name, call] of sends) {
    for (const [label, reply] of refused) {
      it(`${name}: ${label}`, async () => {
        gw.script(reply)
        const error = await failureOf(call(client()))
        expect(error.maybeDelivered, error.message).toBe(false)
      })
    }

    it(`${name}: a connection refused (after its retries)`, async () => {
      const error = await failureOf(call(client({ baseUrl: await closedPortUrl() })))
      expect(error).toMatchObject({ code: 'network_error', maybeDelivered: false })
    })

    it(`${name}: an abort before the request left`, async () => {
      const error = await failureOf(call(client(), AbortSignal.abort('never mind')))
      expect(error).toMatchObject({ code: 'aborted', maybeDelivered: false })
      expect(gw.requests).toHaveLength(0)
    })

    it(`${name}: a missing token`, async () => {
      const noToken = await failureOf(call(createClient({ baseUrl: gw.url, apiToken: ' ' })))
      expect(noToken).toMatchObject({ code: 'missing_token', maybeDelivered: false })
    })
  }
})

it('says false for bad input of every send', async () => {
  const sms = client()
  const calls = [
    sms.messages.send({ to: 'not a phone', message: 'Hi' }),
    sms.otp.send({ to: '09171234567', message: 'no placeholder' }),
    sms.reminders.create({ to: '09171234567', message: 'Bill', scheduledAt: new Date(NOW - 1) }),
    sms.reminders.update(7, { scheduledAt: 'tomorrow' }),
  ]
  for (const call of calls) {
    expect(await failureOf(call)).toMatchObject({ code: 'validation_error', maybeDelivered: false })
  }
  expect(gw.requests).toHaveLength(0)
})

describe('bulk chunks carry their own flag', () => {
  it('marks each failed chunk by how it failed', async () => {
    gw.script(
      { body: bulkOk(['iSms-1']) },
      { status: 500, body: '<html>Server Error</html>' },
      { body: { status: 500, message: 'Refused' } },
      { status: 200, body: '{"status":200,"message_ids":"iSms' },
      { status: 502, body: { status: 502, message: 'Bad gateway' } },
    )
    const result = await client({ bulkChunkSize: 1, bulkConcurrency: 1 }).messages.sendBulk({
      to: ['09170000001', '09170000002', '09170000003', '09170000004', '09170000005', 'nope'],
      message: 'Hi',
    })
    expect(result.accepted.map((a) => a.to)).toEqual(['639170000001'])
    expect(result.rejected.map((r) => [r.to, r.error.code, r.error.maybeDelivered])).toEqual([
      ['nope', 'validation_error', false],
      ['639170000002', 'api_error', true],
      ['639170000003', 'api_error', false],
      ['639170000004', 'api_error', true],
      ['639170000005', 'api_error', true],
    ])
  })

  it('marks a chunk cut by the caller in flight as maybe delivered, the unstarted ones not', async () => {
    gw.script({ hang: true })
    const controller = new AbortController()
    const pending = client({
      bulkChunkSize: 1,
      bulkConcurrency: 1,
      timeoutMs: 60_000,
    }).messages.sendBulk(
      { to: ['09170000001', '09170000002'], message: 'Hi' },
      { signal: controller.signal },
    )
    await until(() => gw.requests.length === 1)
    controller.abort('stop')
    const result = await pending
    expect(result.rejected.map((r) => [r.to, r.error.code, r.error.maybeDelivered])).toEqual([
      ['639170000001', 'aborted', true],
      ['639170000002', 'aborted', false],
    ])
  })
})

describe('reads', () => {
  it('say false: a GET has nothing to deliver', async () => {
    gw.script({ status: 500, body: '<html></html>' })
    const error = await failureOf(client({ retry: false }).account.credits())
    expect(error.maybeDelivered).toBe(false)
  })

  it('keep the success bodies the sends are checked with honest', async () => {
    gw.script({ body: sendOk() })
    await expect(
      client().messages.send({ to: '09171234567', message: 'Hi' }),
    ).resolves.toMatchObject({
      messageId: 'iSms-abc123',
    })
    gw.script({ body: success(reminderData()) })
    await expect(client().reminders.update(7, { message: 'Bill' })).resolves.toMatchObject({
      id: 7,
    })
  })
})

it('types the field on the base class', () => {
  const error: IprogError = new IprogError('api_error', 'x', { maybeDelivered: true })
  const flag: boolean | undefined = error.maybeDelivered
  expect(flag).toBe(true)
  expect(error.toJSON()).toMatchObject({ maybeDelivered: true })
  expect(new IprogError('api_error', 'x').toJSON()).not.toHaveProperty('maybeDelivered')
})
