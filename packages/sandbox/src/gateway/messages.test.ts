import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BASE, call, make, send, TOKEN } from '../../test/gateway-calls.js'

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

describe('the send reply, written by hand', () => {
  it('is exactly the JSON.stringify text of its fields, whatever the token holds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, unit: 'binary' }), async (token) => {
        const sandbox = make({ tokens: { [token]: 5 } })
        const response = await sandbox.fetch(`${BASE}/api/v1/sms_messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ api_token: token, phone_number: '09171234567', message: 'Hi' }),
        })
        const text = await response.text()
        const body = JSON.parse(text)
        expect(text).toBe(
          JSON.stringify({
            status: 200,
            message: 'SMS successfully queued for delivery.',
            message_id: body.message_id,
            message_status_link: `${BASE}/api/v1/sms_messages/status?api_token=${encodeURIComponent(token)}&message_id=${body.message_id}`,
            message_status_request_mode: 'GET',
            sms_rate: 1,
          }),
        )
        sandbox.close()
      }),
      { numRuns: 100 },
    )
  })
})

describe('the message cap', () => {
  const ids = (sandbox: ReturnType<typeof make>) => sandbox.messages().map((m) => m.message)

  it('keeps the latest maxMessages, oldest dropped first, across clears and resets', async () => {
    const sandbox = make({ maxMessages: 3 })
    const sendAll = async (texts: string[]) => {
      for (const message of texts) await send(sandbox, { phone_number: '09171234567', message })
    }
    await sendAll(['a', 'b', 'c', 'd', 'e'])
    expect(ids(sandbox)).toEqual(['c', 'd', 'e'])
    sandbox.clearInbox()
    await sendAll(['f', 'g'])
    expect(ids(sandbox)).toEqual(['f', 'g'])
    await sendAll(['h', 'i', 'j'])
    expect(ids(sandbox)).toEqual(['h', 'i', 'j'])
    sandbox.reset()
    await sendAll(['k', 'l', 'm', 'n'])
    expect(ids(sandbox)).toEqual(['l', 'm', 'n'])
  })

  it('answers the status of a message dropped past the cap as not found', async () => {
    const sandbox = make({ maxMessages: 1 })
    const first = (await send(sandbox, { phone_number: '09171234567', message: 'a' })).body
    await send(sandbox, { phone_number: '09171234567', message: 'b' })
    const status = await call(sandbox, 'GET', '/api/v1/sms_messages/status', {
      api_token: TOKEN,
      message_id: first.message_id,
    })
    expect(status.body).toEqual({ status: 500, message: 'Message not found.' })
  })

  it('refuses a cap that is not a whole number of messages', () => {
    expect(() => make({ maxMessages: -1 })).toThrow(RangeError)
    expect(() => make({ maxMessages: 2.5 })).toThrow(
      'maxMessages must be a whole number >= 0, or Infinity',
    )
  })
})
