import { describe, expect, it } from 'vitest'
import { createSandbox, type Sandbox } from './sandbox.js'

const TOKEN = 'test-token-0001'
const BASE = 'http://sandbox.test'
const START = '2026-02-06T10:00:00+08:00'

type Placement = 'json' | 'form' | 'query'

async function call(
  sandbox: Sandbox,
  method: string,
  path: string,
  params: Record<string, unknown> = {},
  placement: Placement = method === 'GET' || method === 'DELETE' ? 'query' : 'json',
) {
  const url = new URL(path, BASE)
  const init: RequestInit = { method }
  if (placement === 'query') {
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, String(v))
  } else if (placement === 'json') {
    init.body = JSON.stringify(params)
    init.headers = { 'content-type': 'application/json' }
  } else {
    init.body = new URLSearchParams(params as Record<string, string>).toString()
    init.headers = { 'content-type': 'application/x-www-form-urlencoded' }
  }
  const response = await sandbox.fetch(url, init)
  const text = await response.text()
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary gateway JSON
  return { http: response.status, body: JSON.parse(text) as Record<string, any> }
}

const make = (options: Parameters<typeof createSandbox>[0] = {}) =>
  createSandbox({
    tokens: { [TOKEN]: 20 },
    startTime: START,
    freezeClock: true,
    seed: 7,
    ...options,
  })

const send = (sandbox: Sandbox, params: Record<string, unknown>, placement?: Placement) =>
  call(sandbox, 'POST', '/api/v1/sms_messages', { api_token: TOKEN, ...params }, placement)

describe('send', () => {
  it('queues a message, charges its parts and answers the gateway shape with a token link', async () => {
    const sandbox = make()
    const { http, body } = await send(sandbox, {
      phone_number: '639171234567',
      message: 'Hello po',
    })
    expect(http).toBe(200)
    expect(body).toMatchObject({
      status: 200,
      message: 'SMS successfully queued for delivery.',
      message_status_request_mode: 'GET',
      sms_rate: 1,
    })
    expect(body.message_id).toMatch(/^iSms-[A-Za-z0-9]{6}$/)
    expect(body.message_status_link).toBe(
      `${BASE}/api/v1/sms_messages/status?api_token=${TOKEN}&message_id=${body.message_id}`,
    )
    expect(sandbox.balances()[TOKEN]).toBe(19)
    expect(sandbox.messages()).toMatchObject([
      {
        id: body.message_id,
        to: '639171234567',
        encoding: 'GSM-7',
        parts: 1,
        cost: 1,
        status: 'pending',
      },
    ])
  })

  it('charges one credit per part: a peso sign makes a 71-character message two UCS-2 parts', async () => {
    const sandbox = make()
    const { body } = await send(sandbox, { phone_number: '09171234567', message: '₱'.repeat(71) })
    expect(body.sms_rate).toBe(2)
    expect(sandbox.messages()[0]).toMatchObject({ encoding: 'UCS-2', parts: 2, to: '639171234567' })
    expect(sandbox.balances()[TOKEN]).toBe(18)
  })

  it('reads parameters from the query, a JSON body or a form, the body winning', async () => {
    const sandbox = make()
    const url = `${BASE}/api/v1/sms_messages?api_token=${TOKEN}&phone_number=639171234567&message=query`
    const form = await sandbox.fetch(url, {
      method: 'POST',
      body: 'message=form',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect((await form.json()).status).toBe(200)
    const json = await sandbox.fetch(url, {
      method: 'POST',
      body: '{"message":"json"}',
      headers: { 'content-type': 'application/json' },
    })
    expect((await json.json()).status).toBe(200)
    const queryOnly = await sandbox.fetch(url, { method: 'POST' })
    expect((await queryOnly.json()).status).toBe(200)
    expect(sandbox.messages().map((m) => m.message)).toEqual(['form', 'json', 'query'])
  })

  it('refuses a missing parameter with the gateway message, as HTTP 200 with body status 500', async () => {
    const sandbox = make()
    const { http, body } = await send(sandbox, { phone_number: '639171234567' })
    expect(http).toBe(200)
    expect(body).toEqual({
      status: 500,
      message: 'API Token, phone number and message are required.',
    })
  })

  it('answers an unknown token and an empty balance with the same message', async () => {
    const sandbox = make({ tokens: { [TOKEN]: 0 } })
    const empty = await send(sandbox, { phone_number: '639171234567', message: 'x' })
    const unknown = await call(sandbox, 'POST', '/api/v1/sms_messages', {
      api_token: 'nobody',
      phone_number: '639171234567',
      message: 'x',
    })
    const expected = { status: 500, message: 'Invalid api token or no load balance' }
    expect(empty.body).toEqual(expected)
    expect(unknown.body).toEqual(expected)
    expect(sandbox.messages()).toEqual([])
  })

  it('refuses a message the balance cannot fully pay, and sends nothing', async () => {
    const sandbox = make({ tokens: { [TOKEN]: 1 } })
    const { body } = await send(sandbox, { phone_number: '639171234567', message: 'x'.repeat(161) })
    expect(body.message).toBe('Invalid api token or no load balance')
    expect(sandbox.balances()[TOKEN]).toBe(1)
    expect(sandbox.messages()).toEqual([])
  })

  it.each([
    '+639171234567',
    '9171234567',
    '0917 123 4567',
    '63917123456',
    '639171234567x',
    '08171234567x',
  ])('refuses %s: only 639XXXXXXXXX and 09XXXXXXXXX pass', async (phone) => {
    const sandbox = make()
    const { body } = await send(sandbox, { phone_number: phone, message: 'x' })
    expect(body.status).toBe(500)
    expect(body.message).toMatch(/phone number/i)
  })

  it('mirrors the body code in the HTTP status when switched on', async () => {
    const sandbox = make({ httpStatusMirrorsBody: true })
    const { http, body } = await call(sandbox, 'POST', '/api/v1/sms_messages', {
      api_token: 'nobody',
    })
    expect(http).toBe(500)
    expect(body.status).toBe(500)
  })

  it('answers 402 with an array message for Smart/TNT numbers without a sender name', async () => {
    const sandbox = make({ smartTntPrefixes: ['0918'] })
    const refused = await send(sandbox, { phone_number: '639181234567', message: 'x' })
    expect(refused.http).toBe(200)
    expect(refused.body.status).toBe(402)
    expect(Array.isArray(refused.body.message)).toBe(true)
    sandbox.configure({ httpStatusMirrorsBody: true })
    expect((await send(sandbox, { phone_number: '09181234567', message: 'x' })).http).toBe(402)
    const named = await send(sandbox, {
      phone_number: '09181234567',
      message: 'x',
      sender_name: 'MYSHOP',
    })
    expect(named.body.status).toBe(200)
    expect(sandbox.messages()).toMatchObject([{ senderName: 'MYSHOP' }])
  })
})

describe('bulk', () => {
  it('answers ids and rates comma-separated in recipient order and charges the total', async () => {
    const sandbox = make()
    const { body } = await call(sandbox, 'POST', '/api/v1/sms_messages/send_bulk', {
      api_token: TOKEN,
      phone_number: '639171234567,09181234567, 639191234567',
      message: 'x'.repeat(200),
    })
    expect(body.status).toBe(200)
    const ids = String(body.message_ids).split(',')
    expect(ids).toHaveLength(3)
    expect(body.sms_rates).toBe('2,2,2')
    expect(sandbox.messages().map((m) => [m.id, m.to])).toEqual([
      [ids[0], '639171234567'],
      [ids[1], '639181234567'],
      [ids[2], '639191234567'],
    ])
    expect(sandbox.balances()[TOKEN]).toBe(14)
  })

  it('refuses the whole call when one number is invalid or the balance does not cover all', async () => {
    const sandbox = make({ tokens: { [TOKEN]: 2 } })
    const invalid = await call(sandbox, 'POST', '/api/v1/sms_messages/send_bulk', {
      api_token: TOKEN,
      phone_number: '639171234567,12345',
      message: 'x',
    })
    expect(invalid.body.message).toMatch(/12345/)
    const short = await call(sandbox, 'POST', '/api/v1/sms_messages/send_bulk', {
      api_token: TOKEN,
      phone_number: '639171234567,639171234568,639171234569',
      message: 'x',
    })
    expect(short.body.message).toBe('Invalid api token or no load balance')
    expect(sandbox.messages()).toEqual([])
    expect(sandbox.balances()[TOKEN]).toBe(2)
  })
})

describe('status', () => {
  it('moves pending to completed after the delay, and to failed for configured numbers', async () => {
    const sandbox = make({ statusDelayMs: 3000, failNumbers: ['09170000000'] })
    const ok = await send(sandbox, { phone_number: '639171234567', message: 'a' })
    const bad = await send(sandbox, { phone_number: '639170000000', message: 'b' })
    const status = (id: string) =>
      call(sandbox, 'GET', '/api/v1/sms_messages/status', { api_token: TOKEN, message_id: id })
    expect((await status(ok.body.message_id)).body).toEqual({
      status: 200,
      message_status: 'pending',
      sms_count: 1,
    })
    sandbox.clock.advance(2999)
    expect((await status(ok.body.message_id)).body.message_status).toBe('pending')
    sandbox.clock.advance(1)
    expect((await status(ok.body.message_id)).body.message_status).toBe('completed')
    expect((await status(bad.body.message_id)).body.message_status).toBe('failed')
  })

  it('does not show a message to another token', async () => {
    const sandbox = make({ tokens: { [TOKEN]: 5, 'other-token': 5 } })
    const sent = await send(sandbox, { phone_number: '639171234567', message: 'a' })
    const { body } = await call(sandbox, 'GET', '/api/v1/sms_messages/status', {
      api_token: 'other-token',
      message_id: sent.body.message_id,
    })
    expect(body).toEqual({ status: 500, message: 'Message not found.' })
  })
})

describe('credits', () => {
  it.each(['account', 'accounts'])(
    'serves the balance at /api/v1/%s/sms_credits',
    async (segment) => {
      const sandbox = make({ tokens: { [TOKEN]: 12.5 } })
      const { body } = await call(sandbox, 'GET', `/api/v1/${segment}/sms_credits`, {
        api_token: TOKEN,
      })
      expect(body).toEqual({
        status: 'success',
        message: 'Account found.',
        data: { load_balance: 12.5 },
      })
    },
  )

  it('refuses an unknown token', async () => {
    const { body } = await call(make(), 'GET', '/api/v1/account/sms_credits', { api_token: 'x' })
    expect(body).toEqual({ status: 500, message: 'Invalid api token or no load balance' })
  })
})

describe('otp', () => {
  const sendOtp = (sandbox: Sandbox, params: Record<string, unknown> = {}) =>
    call(sandbox, 'POST', '/api/v1/otp/send_otp', {
      api_token: TOKEN,
      phone_number: '09171234567',
      ...params,
    })
  const verify = (sandbox: Sandbox, otp: string, phone = '639171234567') =>
    call(sandbox, 'POST', '/api/v1/otp/verify_otp', { api_token: TOKEN, phone_number: phone, otp })

  it('sends a 6-digit code in the default message and answers the documented shape', async () => {
    const sandbox = make()
    const { body } = await sendOtp(sandbox)
    expect(body.status).toBe('success')
    expect(body.data.otp_code).toMatch(/^\d{6}$/)
    expect(body.data).toMatchObject({
      otp_code_expires_at: '2026-02-06T10:05:00.000+08:00',
      otp_code_confirmed: false,
      phone_number: '639171234567',
      message: `Your OTP code is ${body.data.otp_code}. It is valid for 5 minutes. Do not share this code with anyone.`,
    })
    expect(sandbox.messages()).toMatchObject([{ source: 'otp', message: body.data.message }])
  })

  it('fills :otp in a custom message with a code of the requested length and expiry', async () => {
    const sandbox = make()
    const { body } = await sendOtp(sandbox, {
      message: 'Code :otp',
      code_length: 4,
      expires_in_minutes: 10,
    })
    expect(body.data.otp_code).toMatch(/^\d{4}$/)
    expect(body.data.message).toBe(`Code ${body.data.otp_code}`)
    expect(body.data.otp_code_expires_at).toBe('2026-02-06T10:10:00.000+08:00')
  })

  it('verifies a code once, from either number form', async () => {
    const sandbox = make()
    const code = (await sendOtp(sandbox)).body.data.otp_code
    expect((await verify(sandbox, code === '000000' ? '111111' : '000000')).body).toEqual({
      status: 'error',
      message: 'Invalid or expired OTP.',
    })
    expect((await verify(sandbox, code, '09171234567')).body).toEqual({
      status: 'success',
      message: 'OTP verified successfully.',
    })
    expect((await verify(sandbox, code)).body.status).toBe('error')
  })

  it('refuses a code past its expiry on the sandbox clock', async () => {
    const sandbox = make()
    const code = (await sendOtp(sandbox)).body.data.otp_code
    sandbox.clock.advance(5 * 60_000 + 1)
    expect((await verify(sandbox, code)).body.status).toBe('error')
  })

  it('only accepts the latest code sent to a number', async () => {
    const sandbox = make()
    const first = (await sendOtp(sandbox)).body.data.otp_code
    const second = (await sendOtp(sandbox)).body.data.otp_code
    if (first !== second) expect((await verify(sandbox, first)).body.status).toBe('error')
    expect((await verify(sandbox, second)).body.status).toBe('success')
  })

  it('refuses a message without :otp and out-of-range lengths', async () => {
    const sandbox = make()
    expect((await sendOtp(sandbox, { message: 'no code' })).body.status).toBe(500)
    expect((await sendOtp(sandbox, { code_length: 3 })).body.status).toBe(500)
    expect((await sendOtp(sandbox, { expires_in_minutes: 61 })).body.status).toBe(500)
  })
})

describe('reminders', () => {
  const create = (sandbox: Sandbox, scheduledAt: string, extra: Record<string, unknown> = {}) =>
    call(sandbox, 'POST', '/api/v1/message-reminders', {
      api_token: TOKEN,
      phone_number: '09171251234',
      message: 'Internet Bill.',
      scheduled_at: scheduledAt,
      ...extra,
    })

  it('reads both documented time forms as Manila time', async () => {
    const sandbox = make()
    const twelve = await create(sandbox, '2026-02-07 05:00AM')
    const twentyFour = await create(sandbox, '2026-02-07T17:30')
    expect(twelve.body).toMatchObject({
      status: 'success',
      data: {
        id: 1,
        phone_number: '09171251234',
        message: 'Internet Bill.',
        scheduled_at: '2026-02-07T05:00:00.000+08:00',
        status: 'scheduled',
        created_at: '2026-02-06T10:00:00.000+08:00',
      },
    })
    expect(twentyFour.body.data).toMatchObject({
      id: 2,
      scheduled_at: '2026-02-07T17:30:00.000+08:00',
    })
  })

  it('gets, updates and deletes a reminder, then answers 404', async () => {
    const sandbox = make()
    const id = (await create(sandbox, '2026-02-07T08:00')).body.data.id
    const path = `/api/v1/message-reminders/${id}`
    expect((await call(sandbox, 'GET', path, { api_token: TOKEN })).body.data.id).toBe(id)
    const updated = await call(sandbox, 'PATCH', path, {
      api_token: TOKEN,
      message: 'Paid?',
      scheduled_at: '2026-02-08T09:15',
    })
    expect(updated.body.data).toMatchObject({
      message: 'Paid?',
      scheduled_at: '2026-02-08T09:15:00.000+08:00',
    })
    const deleted = await call(sandbox, 'DELETE', path, { api_token: TOKEN })
    expect(deleted.body).toMatchObject({ status: 'success', data: { id, message: 'Paid?' } })
    const missing = await call(sandbox, 'GET', path, { api_token: TOKEN })
    expect(missing.http).toBe(404)
    expect(missing.body.status).toBe('error')
  })

  it('refuses a time in the past with HTTP 422', async () => {
    const { http, body } = await create(make(), '2026-02-06T09:59')
    expect(http).toBe(422)
    expect(body.status).toBe('error')
  })

  it('delivers into the inbox at its time on the sandbox clock, charged, and is then sent', async () => {
    const sandbox = make()
    const id = (await create(sandbox, '2026-02-06T10:30')).body.data.id
    sandbox.clock.advance(29 * 60_000)
    expect(sandbox.messages()).toEqual([])
    sandbox.clock.advance(60_000)
    expect(sandbox.messages()).toMatchObject([
      { source: 'reminder', to: '639171251234', message: 'Internet Bill.' },
    ])
    expect(sandbox.reminders()).toMatchObject([{ id, status: 'sent' }])
    expect(sandbox.balances()[TOKEN]).toBe(19)
  })

  it('never fires a deleted reminder, and fires a moved one at its new time', async () => {
    const sandbox = make()
    const a = (await create(sandbox, '2026-02-06T10:10')).body.data.id
    const b = (await create(sandbox, '2026-02-06T10:10', { message: 'moved' })).body.data.id
    await call(sandbox, 'DELETE', `/api/v1/message-reminders/${a}`, { api_token: TOKEN })
    await call(sandbox, 'PATCH', `/api/v1/message-reminders/${b}`, {
      api_token: TOKEN,
      scheduled_at: '2026-02-06T11:00',
    })
    sandbox.clock.advance(30 * 60_000)
    expect(sandbox.messages()).toEqual([])
    sandbox.clock.set('2026-02-06T11:00:00+08:00')
    expect(sandbox.messages().map((m) => m.message)).toEqual(['moved'])
  })
})

describe('faults', () => {
  it('answers the next N requests to a path with HTTP 500, then recovers', async () => {
    const sandbox = make()
    sandbox.faults.add({ kind: 'http-500', path: '/api/v1/account/sms_credits', times: 2 })
    const credits = () => sandbox.fetch(`${BASE}/api/v1/account/sms_credits?api_token=${TOKEN}`)
    expect((await credits()).status).toBe(500)
    expect((await send(sandbox, { phone_number: '639171234567', message: 'a' })).http).toBe(200)
    expect((await credits()).status).toBe(500)
    expect((await credits()).status).toBe(200)
  })

  it('answers a gateway error body, carrying nothing out', async () => {
    const sandbox = make()
    sandbox.faults.add({ kind: 'gateway-error', message: 'Upstream down' })
    expect((await send(sandbox, { phone_number: '639171234567', message: 'a' })).body).toEqual({
      status: 500,
      message: 'Upstream down',
    })
    expect(sandbox.messages()).toEqual([])
  })

  it('cuts the JSON short after carrying the send out', async () => {
    const sandbox = make()
    sandbox.faults.add({ kind: 'malformed-json' })
    const response = await sandbox.fetch(`${BASE}/api/v1/sms_messages`, {
      method: 'POST',
      body: JSON.stringify({ api_token: TOKEN, phone_number: '639171234567', message: 'a' }),
      headers: { 'content-type': 'application/json' },
    })
    const text = await response.text()
    expect(() => JSON.parse(text)).toThrow()
    expect(sandbox.messages()).toHaveLength(1)
  })

  it('makes fetch fail like a reset connection', async () => {
    const sandbox = make()
    sandbox.faults.add({ kind: 'reset' })
    await expect(
      sandbox.fetch(`${BASE}/api/v1/account/sms_credits?api_token=${TOKEN}`),
    ).rejects.toThrow('fetch failed')
  })

  it('answers late, and gives up with the caller’s signal', async () => {
    const sandbox = make()
    sandbox.faults.add({ kind: 'timeout', delayMs: 60_000 })
    const controller = new AbortController()
    const pending = sandbox.fetch(`${BASE}/api/v1/account/sms_credits?api_token=${TOKEN}`, {
      signal: controller.signal,
    })
    controller.abort()
    await expect(pending).rejects.toThrow()
  })

  it('hits a given share of requests, the same ones for the same seed', async () => {
    const pattern = async () => {
      const sandbox = make({ seed: 99 })
      sandbox.faults.add({ kind: 'http-500', rate: 0.5 })
      const statuses: number[] = []
      for (let i = 0; i < 40; i++) {
        statuses.push(
          (await sandbox.fetch(`${BASE}/api/v1/account/sms_credits?api_token=${TOKEN}`)).status,
        )
      }
      return statuses
    }
    const first = await pattern()
    expect(first).toEqual(await pattern())
    const hits = first.filter((s) => s === 500).length
    expect(hits).toBeGreaterThan(5)
    expect(hits).toBeLessThan(35)
  })

  it('never faults the controls or the inbox', async () => {
    const sandbox = make()
    sandbox.faults.add({ kind: 'http-500', rate: 1 })
    expect((await sandbox.fetch(`${BASE}/`)).status).toBe(200)
    expect((await sandbox.fetch(`${BASE}/__sandbox/state`)).status).toBe(200)
  })
})

describe('controls', () => {
  it('reset brings back the configured tokens and forgets everything captured', async () => {
    const sandbox = make()
    await send(sandbox, { phone_number: '639171234567', message: 'a' })
    sandbox.setCredits('another', 3)
    sandbox.reset()
    expect(sandbox.messages()).toEqual([])
    expect(sandbox.balances()).toEqual({ [TOKEN]: 20 })
    expect(sandbox.clock.now()).toBe(Date.parse(START))
  })

  it('clearInbox empties messages and codes', async () => {
    const sandbox = make()
    await call(sandbox, 'POST', '/api/v1/otp/send_otp', {
      api_token: TOKEN,
      phone_number: '639171234567',
    })
    sandbox.clearInbox()
    expect(sandbox.messages()).toEqual([])
    expect(sandbox.otps()).toEqual([])
  })

  it('tells subscribers about new messages and settled statuses', async () => {
    const sandbox = make({ statusDelayMs: 10 })
    const seen: string[] = []
    const stop = sandbox.subscribe((event) => seen.push(event.type))
    await send(sandbox, { phone_number: '639171234567', message: 'a' })
    sandbox.clock.advance(10)
    stop()
    expect(seen).toEqual(['balance', 'message', 'message-status'])
  })
})
