import { describe, expect, it } from 'vitest'
import { IprogApiError, IprogAuthError } from '../../errors.js'
import { joinMessage, readNumber, readReply, readString } from './gateway-reply.js'
import { REDACTED } from './redact.js'

const token = 'tok_SECRET_1234567890abcdef'
const json = (value: unknown) => JSON.stringify(value)

describe('readReply', () => {
  it('understands both success envelopes', () => {
    expect(readReply(200, json({ status: 200, message_id: 'iSms-1' }), token)).toMatchObject({
      ok: true,
    })
    expect(readReply(200, json({ status: 'success', data: {} }), token)).toMatchObject({
      ok: true,
    })
  })

  it('treats status 500 in an HTTP 200 body as an error, whatever the HTTP status says', () => {
    const answer = readReply(200, json({ status: 500, message: 'Something failed' }), token)
    expect(answer.ok).toBe(false)
    if (!answer.ok) {
      expect(answer.error).toBeInstanceOf(IprogApiError)
      expect(answer.error).toMatchObject({
        gatewayMessage: 'Something failed',
        httpStatus: 200,
        bodyStatus: 500,
      })
    }
  })

  it('treats a success body under an HTTP error status as an error', () => {
    expect(readReply(503, json({ status: 200 }), token).ok).toBe(false)
  })

  it('recognises the invalid-token message in any case as IprogAuthError', () => {
    for (const message of ['Invalid api token or no load balance', 'INVALID API TOKEN']) {
      const answer = readReply(401, json({ status: 500, message }), token)
      expect(!answer.ok && answer.error).toBeInstanceOf(IprogAuthError)
    }
  })

  it('refuses HTML, empty bodies, arrays and shapes without a known status', () => {
    for (const text of ['<html>oops</html>', '', '[1,2]', 'null', json({ ok: true })]) {
      const answer = readReply(200, text, token)
      expect(answer.ok).toBe(false)
      expect(!answer.ok && answer.error).toBeInstanceOf(IprogApiError)
    }
  })

  it('lets an error-status body through only when asked and only below HTTP 500', () => {
    const wrong = json({ status: 'error', message: 'Invalid OTP' })
    expect(readReply(200, wrong, token).ok).toBe(false)
    expect(readReply(200, wrong, token, { tolerateError: true }).ok).toBe(true)
    expect(readReply(422, wrong, token, { tolerateError: true }).ok).toBe(true)
    expect(readReply(500, wrong, token, { tolerateError: true }).ok).toBe(false)
  })

  it('redacts the token from every string of the body', () => {
    const answer = readReply(
      200,
      json({ status: 200, link: `https://x/?api_token=${token}&id=1`, nested: { note: token } }),
      token,
    )
    expect(JSON.stringify(answer)).not.toContain(token)
    expect(answer.ok && answer.body.link).toBe('https://x/?api_token=[REDACTED]&id=1')
  })
})

describe('field readers', () => {
  it('joins array messages and reads numeric strings', () => {
    expect(joinMessage(['a', 'b'])).toBe('a; b')
    expect(joinMessage(undefined)).toBeUndefined()
    expect(readNumber({ rate: '2' }, 'rate')).toBe(2)
    expect(readNumber({ rate: '' }, 'rate')).toBeUndefined()
    expect(readNumber({ rate: 'x' }, 'rate')).toBeUndefined()
    expect(readString({ code: 123 }, 'code')).toBe('123')
  })
})

describe('readReply scrubbing', () => {
  it('keeps a __proto__ key as data while redacting around it', () => {
    const text = `{"status":200,"__proto__":{"polluted":"${token}"},"note":"api_token=${token}"}`
    const reply = readReply(200, text, token)
    expect(reply.ok).toBe(true)
    const body = reply.ok ? reply.body : {}
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype)
    expect(Object.hasOwn(body, '__proto__')).toBe(true)
    expect(JSON.stringify(body)).not.toContain(token)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('never throws on a body nested deeper than the stack, whichever way it is redacted', () => {
    const depth = 200_000
    const nested = (inner: string) =>
      `{"status":200,"x":${'['.repeat(depth)}"${inner}"${']'.repeat(depth)}}`
    // Redacted as one text: parsed as it comes, the token gone.
    const whole = readReply(200, nested(`api_token=${token}`), token)
    expect(whole.ok).toBe(true)
    let inner: unknown = whole.ok ? whole.body.x : undefined
    while (Array.isArray(inner)) inner = inner[0]
    expect(inner).toBe(`api_token=${REDACTED}`)
    // An escape sends it string by string, which runs out of stack: refused as unusable.
    const escaped = readReply(200, nested(`api_\\u0074oken=${token}`), token)
    expect(escaped.ok).toBe(false)
  })

  it('gives a body without the token as parsed', () => {
    const text = json({ status: 200, message_id: 'iSms-1', message: 'Queued' })
    expect(readReply(200, text, token)).toEqual({ ok: true, body: JSON.parse(text) })
  })
})
