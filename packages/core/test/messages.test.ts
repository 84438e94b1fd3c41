import { describe, expect, it } from 'vitest'
import { createClient } from '../src/client/create-client.js'
import { IprogApiError, IprogAuthError, IprogValidationError } from '../src/errors.js'
import { bulkOk, invalidToken, sendOk, TOKEN } from './gateway-bodies.js'
import { useRecordingServer } from './recording-server.js'

const gw = useRecordingServer()

const client = (options = {}) =>
  createClient({ apiToken: TOKEN, baseUrl: gw.url, retry: { baseDelayMs: 1 }, ...options })

describe('messages.send', () => {
  it('posts a JSON body with the token, normalised number and message', async () => {
    gw.script({ body: sendOk() })
    const sent = await client().messages.send({ to: '(0917) 123-4567', message: 'Salamat po!' })
    expect(gw.requests).toHaveLength(1)
    const [req] = gw.requests
    expect(req?.method).toBe('POST')
    expect(req?.path).toBe('/api/v1/sms_messages')
    expect(req?.query).toEqual({})
    expect(req?.headers['content-type']).toBe('application/json')
    expect(JSON.parse(req?.body ?? '')).toEqual({
      api_token: TOKEN,
      phone_number: '639171234567',
      message: 'Salamat po!',
    })
    expect(sent).toMatchObject({
      messageId: 'iSms-abc123',
      to: '639171234567',
      smsRate: 1,
      message: 'Salamat po!',
      estimate: { encoding: 'GSM-7', segmentCount: 1 },
      gatewayMessage: 'SMS successfully queued for delivery.',
    })
    expect(sent.statusLink).toBe(
      'https://www.iprogsms.com/api/v1/sms_messages/status?api_token=[REDACTED]&message_id=iSms-abc123',
    )
    expect(sent.raw.message_status_link).toBe(sent.statusLink)
  })

  it('passes smsProvider and senderName through only when set', async () => {
    gw.script({ body: sendOk() })
    await client({ smsProvider: 1 }).messages.send({
      to: '09171234567',
      message: 'Hi',
      senderName: 'MYSHOP',
    })
    await client().messages.send({ to: '09171234567', message: 'Hi' })
    expect(JSON.parse(gw.requests[0]?.body ?? '')).toMatchObject({
      sms_provider: '1',
      sender_name: 'MYSHOP',
    })
    expect(Object.keys(JSON.parse(gw.requests[1]?.body ?? ''))).toEqual([
      'api_token',
      'phone_number',
      'message',
    ])
  })

  it('accepts the older answer with only status, message and message_id', async () => {
    gw.script({ body: { status: 200, message: 'queued', message_id: 'iSms-x1' } })
    const sent = await client().messages.send({ to: '9171234567', message: 'Hi' })
    expect(sent).toMatchObject({ messageId: 'iSms-x1', smsRate: undefined, statusLink: undefined })
  })

  it('turns a status 500 body in an HTTP 200 answer into IprogAuthError for a bad token', async () => {
    gw.script({ body: invalidToken })
    const error = await client()
      .messages.send({ to: '09171234567', message: 'Hi' })
      .catch((e) => e)
    expect(error).toBeInstanceOf(IprogAuthError)
    expect(error).toMatchObject({
      code: 'auth_error',
      gatewayMessage: 'Invalid api token or no load balance',
      httpStatus: 200,
      bodyStatus: 500,
    })
  })

  it('joins an array message of an HTTP 402 refusal into gatewayMessage', async () => {
    gw.script({
      status: 402,
      body: { status: 402, message: ['Sender name not approved.', 'Contact support.'] },
    })
    const error = await client()
      .messages.send({ to: '09171234567', message: 'Hi' })
      .catch((e) => e)
    expect(error).toBeInstanceOf(IprogApiError)
    expect(error).not.toBeInstanceOf(IprogAuthError)
    expect(error).toMatchObject({
      code: 'api_error',
      httpStatus: 402,
      bodyStatus: 402,
      gatewayMessage: 'Sender name not approved.; Contact support.',
    })
  })

  it('turns an HTML error page into IprogApiError without keeping the page', async () => {
    gw.script({ status: 502, body: '<html><body>Bad gateway</body></html>' })
    const error = await client()
      .messages.send({ to: '09171234567', message: 'Hi' })
      .catch((e) => e)
    expect(error).toBeInstanceOf(IprogApiError)
    expect(error.httpStatus).toBe(502)
    expect(error.gatewayMessage).toBeUndefined()
    expect(JSON.stringify(error)).not.toContain('Bad gateway')
  })

  it('treats a success status without a message_id as an unexpected shape', async () => {
    gw.script({ body: { status: 200, message: 'queued' } })
    const error = await client()
      .messages.send({ to: '09171234567', message: 'Hi' })
      .catch((e) => e)
    expect(error).toBeInstanceOf(IprogApiError)
    expect(error.message).toContain('message_id')
  })

  it('refuses an empty, blank or too long message before sending anything', async () => {
    const sms = client({ maxSegments: 2 })
    for (const message of ['', '   \n\t ']) {
      await expect(sms.messages.send({ to: '09171234567', message })).rejects.toThrow(
        /message is empty/,
      )
    }
    const long = await sms.messages
      .send({ to: '09171234567', message: 'x'.repeat(400) })
      .catch((e) => e)
    expect(long).toBeInstanceOf(IprogValidationError)
    expect(long.message).toMatch(/needs 3 SMS parts; the limit is 2/)
    expect(gw.requests).toHaveLength(0)
  })

  it('refuses a bad number with its reason and lists every bad field at once', async () => {
    const error = await client()
      .messages.send({ to: '+1 415 555 2671', message: '' })
      .catch((e) => e)
    expect(error).toBeInstanceOf(IprogValidationError)
    expect(error.issues.map((issue: { path: unknown[] }) => issue.path)).toEqual([
      ['to'],
      ['message'],
    ])
    expect(error.message).toMatch(/another country/)
    expect(gw.requests).toHaveLength(0)
  })

  it('applies smart encoding before counting and sending when asked', async () => {
    gw.script({ body: sendOk() })
    const sent = await client({ smartEncoding: true }).messages.send({
      to: '09171234567',
      message: 'It\u2019s ready',
    })
    expect(JSON.parse(gw.requests[0]?.body ?? '').message).toBe("It's ready")
    expect(sent.message).toBe("It's ready")
    expect(sent.estimate).toEqual({ encoding: 'GSM-7', segmentCount: 1 })
  })

  it('sends the text untouched, and estimates UCS-2, without smart encoding', async () => {
    gw.script({ body: sendOk() })
    const sent = await client().messages.send({ to: '09171234567', message: 'It\u2019s ready' })
    expect(JSON.parse(gw.requests[0]?.body ?? '').message).toBe('It\u2019s ready')
    expect(sent.estimate).toEqual({ encoding: 'UCS-2', segmentCount: 1 })
  })
})

describe('messages.status', () => {
  it('asks with a GET query and reads the delivery status', async () => {
    gw.script({ body: { status: 200, message_status: 'completed', sms_count: 2 } })
    const status = await client().messages.status('iSms-abc123')
    const [req] = gw.requests
    expect(req?.method).toBe('GET')
    expect(req?.path).toBe('/api/v1/sms_messages/status')
    expect(req?.query).toEqual({ api_token: TOKEN, message_id: 'iSms-abc123' })
    expect(req?.body).toBe('')
    expect(status).toMatchObject({ messageId: 'iSms-abc123', status: 'completed', smsCount: 2 })
  })

  it('refuses an empty id locally', async () => {
    await expect(client().messages.status('  ')).rejects.toBeInstanceOf(IprogValidationError)
    expect(gw.requests).toHaveLength(0)
  })

  it('says not_found for an id the gateway does not know, in an HTTP 200 or a 404', async () => {
    for (const status of [200, 404]) {
      gw.script({ status, body: { status: 500, message: 'Message not found.' } })
      const error = await client()
        .messages.status('iSms-nope')
        .catch((e) => e)
      expect(error).toBeInstanceOf(IprogApiError)
      expect(error).toMatchObject({
        code: 'not_found',
        gatewayMessage: 'Message not found.',
        httpStatus: status,
      })
    }
    // Not retried: asking again cannot find it.
    expect(gw.requests).toHaveLength(2)
  })
})

describe('messages.sendBulk', () => {
  it('sends one comma-separated phone_number and maps ids and rates back in order', async () => {
    gw.script({ body: bulkOk(['iSms-a', 'iSms-b'], [1, 2]) })
    const result = await client().messages.sendBulk({
      to: ['0917 123 4567', '+639171234567', '0918-765-4321', 'call me'],
      message: 'Hello',
    })
    expect(gw.requests).toHaveLength(1)
    const req = gw.requests[0]
    expect(req?.path).toBe('/api/v1/sms_messages/send_bulk')
    expect(JSON.parse(req?.body ?? '').phone_number).toBe('639171234567,639187654321')
    expect(result.accepted).toEqual([
      { to: '639171234567', messageId: 'iSms-a', smsRate: 1 },
      { to: '639187654321', messageId: 'iSms-b', smsRate: 2 },
    ])
    expect(result.rejected).toEqual([
      {
        to: 'call me',
        error: {
          code: 'validation_error',
          message: 'Phone number contains letters',
          maybeDelivered: false,
        },
      },
    ])
    expect(result.estimate).toEqual({ encoding: 'GSM-7', segmentCount: 1 })
  })

  it('splits long lists into chunks and keeps recipient order across them', async () => {
    gw.script({ body: bulkOk(['iSms-1', 'iSms-2']) }, { body: bulkOk(['iSms-3']) })
    const result = await client({ bulkChunkSize: 2, bulkConcurrency: 1 }).messages.sendBulk({
      to: ['09170000001', '09170000002', '09170000003'],
      message: 'Hi',
    })
    expect(gw.requests.map((r) => JSON.parse(r.body).phone_number)).toEqual([
      '639170000001,639170000002',
      '639170000003',
    ])
    expect(result.accepted.map((a) => [a.to, a.messageId])).toEqual([
      ['639170000001', 'iSms-1'],
      ['639170000002', 'iSms-2'],
      ['639170000003', 'iSms-3'],
    ])
    expect(result.accepted[0]?.smsRate).toBeUndefined()
  })

  it('rejects a failed chunk with its error while the other chunks still go', async () => {
    gw.script(
      { body: bulkOk(['iSms-1']) },
      { status: 200, body: { status: 500, message: 'Upstream route down' } },
      { body: bulkOk(['iSms-3']) },
    )
    const result = await client({ bulkChunkSize: 1, bulkConcurrency: 1 }).messages.sendBulk({
      to: ['09170000001', '09170000002', '09170000003'],
      message: 'Hi',
    })
    expect(result.accepted.map((a) => a.messageId)).toEqual(['iSms-1', 'iSms-3'])
    expect(result.rejected).toEqual([
      {
        to: '639170000002',
        error: {
          code: 'api_error',
          message: 'The IPROG gateway refused the request: Upstream route down',
          maybeDelivered: false,
        },
      },
    ])
  })

  it('never guesses when the gateway returns fewer ids than recipients', async () => {
    gw.script({ body: bulkOk(['iSms-1']) })
    const result = await client().messages.sendBulk({
      to: ['09170000001', '09170000002'],
      message: 'Hi',
    })
    expect(result.accepted).toEqual([])
    expect(result.rejected.map((r) => [r.to, r.error.code, r.error.maybeDelivered])).toEqual([
      ['639170000001', 'bulk_mismatch', true],
      ['639170000002', 'bulk_mismatch', true],
    ])
    expect(result.rejected[0]?.error.message).toMatch(/may have been sent/)
  })

  it('stops calling the gateway after an auth refusal and rejects the rest unsent', async () => {
    gw.script({ body: invalidToken })
    const result = await client({ bulkChunkSize: 1, bulkConcurrency: 1 }).messages.sendBulk({
      to: ['09170000001', '09170000002', '09170000003'],
      message: 'Hi',
    })
    expect(gw.requests).toHaveLength(1)
    expect(result.rejected.map((r) => r.error.code)).toEqual([
      'auth_error',
      'auth_error',
      'auth_error',
    ])
  })

  it('sends nothing when every recipient is invalid, and refuses an empty list', async () => {
    const result = await client().messages.sendBulk({ to: ['12', 'abc'], message: 'Hi' })
    expect(result.accepted).toEqual([])
    expect(result.rejected.map((r) => r.to)).toEqual(['12', 'abc'])
    await expect(client().messages.sendBulk({ to: [], message: 'Hi' })).rejects.toBeInstanceOf(
      IprogValidationError,
    )
    expect(gw.requests).toHaveLength(0)
  })

  it('keeps at most bulkConcurrency calls in flight', async () => {
    gw.script({ body: bulkOk(['iSms-1']), delayMs: 30 })
    let inFlight = 0
    let peak = 0
    const counting: typeof fetch = async (input, init) => {
      inFlight++
      peak = Math.max(peak, inFlight)
      try {
        return await fetch(input, init)
      } finally {
        inFlight--
      }
    }
    const result = await client({
      bulkChunkSize: 1,
      bulkConcurrency: 3,
      fetch: counting,
    }).messages.sendBulk({
      to: Array.from({ length: 8 }, (_, i) => `0917000000${i}`),
      message: 'Hi',
    })
    expect(result.accepted).toHaveLength(8)
    expect(peak).toBe(3)
  })
})
