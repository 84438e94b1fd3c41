// The real client (@iprog-sms/core) against the sandbox over real HTTP: every endpoint.
import { type ClientOptions, createClient, IprogApiError, IprogAuthError } from '@iprog-sms/core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type RunningSandbox, startSandbox } from '../src/serve/node-server.js'

const TOKEN = 'client-test-token'
const START = Date.parse('2026-02-06T10:00:00+08:00')
let running: RunningSandbox

beforeAll(async () => {
  running = await startSandbox({
    port: 0,
    tokens: { [TOKEN]: 5000 },
    startTime: START,
    freezeClock: true,
    statusDelayMs: 2000,
    failNumbers: ['09170000000'],
    smartTntPrefixes: ['0918'],
  })
})
afterAll(() => running.close())
beforeEach(() => running.sandbox.reset())

const client = (options: ClientOptions = {}) =>
  createClient({
    apiToken: TOKEN,
    baseUrl: running.url,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    now: () => running.sandbox.clock.now(),
    ...options,
  })

describe('messages', () => {
  it('sends one message and reads the charge, with the status link redacted', async () => {
    const sent = await client().messages.send({ to: '+63 917 123 4567', message: 'Salamat po!' })
    expect(sent).toMatchObject({
      to: '639171234567',
      smsRate: 1,
      gatewayMessage: 'SMS successfully queued for delivery.',
    })
    expect(sent.messageId).toMatch(/^iSms-/)
    expect(sent.statusLink).not.toContain(TOKEN)
    expect(JSON.stringify(sent)).not.toContain(TOKEN)
    expect(running.sandbox.messages()).toMatchObject([
      { id: sent.messageId, message: 'Salamat po!' },
    ])
    expect(running.sandbox.balances()[TOKEN]).toBe(4999)
  })

  it('agrees with the sandbox on the part count of a UCS-2 message', async () => {
    const message = 'Bayad: ₱500. '.repeat(8)
    const sent = await client().messages.send({ to: '09171234567', message })
    expect(sent.estimate).toEqual({ encoding: 'UCS-2', segmentCount: sent.smsRate })
    expect(running.sandbox.messages()[0]).toMatchObject({ encoding: 'UCS-2', parts: sent.smsRate })
  })

  it('reads statuses as they settle on the sandbox clock, failed for configured numbers', async () => {
    const sms = client()
    const ok = await sms.messages.send({ to: '09171234567', message: 'a' })
    const bad = await sms.messages.send({ to: '09170000000', message: 'b' })
    expect((await sms.messages.status(ok.messageId)).status).toBe('pending')
    running.sandbox.clock.advance(2000)
    expect(await sms.messages.status(ok.messageId)).toMatchObject({
      status: 'completed',
      smsCount: 1,
    })
    expect((await sms.messages.status(bad.messageId)).status).toBe('failed')
  })

  it('sends a bulk of 1,200 recipients in chunks, every id matched to its number', async () => {
    let calls = 0
    const sms = client({
      hooks: {
        onRequest: (info) => {
          if (info.url.endsWith('/send_bulk')) calls++
        },
      },
    })
    const to = Array.from({ length: 1200 }, (_, i) => `0917${String(i).padStart(7, '0')}`)
    const result = await sms.messages.sendBulk({ to, message: 'Brownout bukas, 9AM-3PM.' })
    expect(result.rejected).toEqual([])
    expect(result.accepted).toHaveLength(1200)
    expect(calls).toBe(3)
    const byId = new Map(running.sandbox.messages().map((m) => [m.id, m.to]))
    expect(byId.size).toBe(1200)
    for (const accepted of result.accepted) expect(byId.get(accepted.messageId)).toBe(accepted.to)
    expect(running.sandbox.balances()[TOKEN]).toBe(3800)
  })
})

describe('refusals', () => {
  it('an unknown token is an IprogAuthError (HTTP 200, body status 500)', async () => {
    const error = await client({ apiToken: 'unknown-token' })
      .messages.send({ to: '09171234567', message: 'x' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IprogAuthError)
    expect(error).toMatchObject({ httpStatus: 200, bodyStatus: 500 })
  })

  it('an empty balance is the same IprogAuthError, and nothing is sent', async () => {
    running.sandbox.setCredits(TOKEN, 0)
    await expect(
      client().messages.send({ to: '09171234567', message: 'x' }),
    ).rejects.toBeInstanceOf(IprogAuthError)
    expect(running.sandbox.messages()).toEqual([])
  })

  it('with the mirror switch on, the HTTP status carries the body code', async () => {
    running.sandbox.configure({ httpStatusMirrorsBody: true })
    const error = await client({ apiToken: 'unknown-token' })
      .account.credits()
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IprogAuthError)
    expect(error).toMatchObject({ httpStatus: 500, bodyStatus: 500 })
  })

  it.each([false, true])(
    'a Smart/TNT number without sender name gets the 402 array message (mirror %s)',
    async (mirror) => {
      running.sandbox.configure({ httpStatusMirrorsBody: mirror })
      const error = await client()
        .messages.send({ to: '09181234567', message: 'x' })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(IprogApiError)
      expect(error).toMatchObject({ bodyStatus: 402, httpStatus: mirror ? 402 : 200 })
      expect((error as IprogApiError).gatewayMessage).toMatch(/Sender name is required.*; /)
      const named = await client({ senderName: 'MYSHOP' }).messages.send({
        to: '09181234567',
        message: 'x',
      })
      expect(named.smsRate).toBe(1)
    },
  )
})

describe('account, OTP, reminders', () => {
  it('reads the credit balance', async () => {
    running.sandbox.setCredits(TOKEN, 42.5)
    expect((await client().account.credits()).balance).toBe(42.5)
  })

  it('sends an OTP, verifies it once, and refuses it the second time', async () => {
    const sms = client()
    const otp = await sms.otp.send({ to: '0917 123 4567', codeLength: 8 })
    expect(otp.code).toMatch(/^\d{8}$/)
    expect(otp.expiresAt?.getTime()).toBe(START + 5 * 60_000)
    const wrong = otp.code === '00000000' ? '11111111' : '00000000'
    expect((await sms.otp.verify({ to: '09171234567', code: wrong })).verified).toBe(false)
    expect((await sms.otp.verify({ to: '09171234567', code: otp.code })).verified).toBe(true)
    expect((await sms.otp.verify({ to: '09171234567', code: otp.code })).verified).toBe(false)
  })

  it('creates, reads, updates and deletes a reminder', async () => {
    const sms = client()
    const at = new Date(START + 3_600_000)
    const created = await sms.reminders.create({
      to: '09171251234',
      message: 'Internet Bill.',
      scheduledAt: at,
    })
    expect(created).toMatchObject({
      to: '639171251234',
      message: 'Internet Bill.',
      status: 'scheduled',
    })
    expect(created.scheduledAt.getTime()).toBe(at.getTime())
    expect((await sms.reminders.get(created.id)).id).toBe(created.id)
    const later = new Date(START + 7_200_000)
    const updated = await sms.reminders.update(created.id, { message: 'Paid?', scheduledAt: later })
    expect(updated).toMatchObject({ message: 'Paid?' })
    expect(updated.scheduledAt.getTime()).toBe(later.getTime())
    expect((await sms.reminders.delete(created.id)).id).toBe(created.id)
    await expect(sms.reminders.get(created.id)).rejects.toMatchObject({ httpStatus: 404 })
  })

  it('fires a reminder into the inbox at its time on the sandbox clock', async () => {
    const sms = client()
    const created = await sms.reminders.create({
      to: '09171251234',
      message: 'Due na ang bill mo.',
      scheduledAt: '2026-02-06T11:00:00+08:00',
    })
    running.sandbox.clock.advance(59 * 60_000)
    expect(running.sandbox.messages()).toEqual([])
    running.sandbox.clock.advance(60_000)
    expect(running.sandbox.messages()).toMatchObject([
      { source: 'reminder', message: 'Due na ang bill mo.' },
    ])
    expect((await sms.reminders.get(created.id)).status).toBe('sent')
  })
})
