import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { IprogApiError, IprogAuthError, isIprogError } from '../../errors.js'
import { type GatewayReply, parseAndScrub, parseBody, readReply } from './gateway-reply.js'
import { REDACTED, redact } from './redact.js'

// Real IPROG tokens are 40 hex characters; any URL-safe token of 8+ characters must be redacted.
// Two filters keep the oracle honest rather than the parser lenient: a letter outside a-f means
// no JSON number's text (`1.2345678e-10`) can contain the token, and the token must not be a
// piece of the placeholder itself (`REDACTED`), which would "leak" by being redacted.
const tokenArb = fc
  .stringMatching(/^[A-Za-z0-9_-]{8,48}$/)
  .filter(
    (token) => /[g-zG-Z_]/.test(token) && !REDACTED.toLowerCase().includes(token.toLowerCase()),
  )

const httpStatusArb = fc.oneof(
  fc.integer({ min: 100, max: 599 }),
  fc.constantFrom(200, 201, 204, 400, 401, 404, 422, 429, 500, 502, 503),
)

const anyString = fc.oneof(fc.string(), fc.string({ unit: 'binary' }))

/** A string with the token somewhere in it: raw, in a status link, or URL-encoded in a query. */
const withToken = (token: string) =>
  fc
    .tuple(
      anyString,
      fc.constantFrom(
        token,
        `https://sms.iprogtech.com/api/v1/sms_messages/status?api_token=${token}&message_id=iSms-1`,
        `api_token=${encodeURIComponent(token)}`,
        `Bearer ${token}`,
      ),
      anyString,
    )
    .map(([before, secret, after]) => `${before}${secret}${after}`)

/** A gateway-like JSON text: random `status`/`message` (strings, arrays, anything), random fields. */
const envelopeText = (token: string) => {
  const tokenString = fc.oneof(anyString, withToken(token))
  const key = fc.oneof(fc.string(), withToken(token))
  const leaf = fc.oneof(
    tokenString,
    fc.jsonValue(),
    fc.array(tokenString, { maxLength: 3 }),
    fc.dictionary(key, tokenString, { maxKeys: 3 }),
  )
  return fc
    .record(
      {
        status: fc.oneof(
          fc.constantFrom(200, 'success', 500, 'error', '200', 0, 'Success'),
          fc.integer(),
          fc.string(),
          fc.jsonValue(),
        ),
        message: fc.oneof(
          tokenString,
          fc.constantFrom('Invalid api token or no load balance', 'INVALID API TOKEN'),
          fc.array(tokenString, { maxLength: 4 }),
          fc.jsonValue(),
        ),
        extra: fc.dictionary(key, leaf, { maxKeys: 4 }),
      },
      { requiredKeys: [] },
    )
    .map(({ extra, ...envelope }) => JSON.stringify({ ...extra, ...envelope }))
}

/** Any text the gateway, a proxy or an outage page could answer, with the token in it. */
const answerText = (token: string) =>
  fc.oneof(
    anyString,
    withToken(token),
    fc.jsonValue().map((value) => JSON.stringify(value)),
    envelopeText(token),
    // The same envelope with the token's first character written as a JSON `\u` escape: JSON.parse
    // rebuilds the token, so redaction must work on parsed strings, not on the raw text.
    envelopeText(token).map((text) =>
      text.replaceAll(
        token,
        `\\u${token.charCodeAt(0).toString(16).padStart(4, '0')}${token.slice(1)}`,
      ),
    ),
    withToken(token).map((inner) => `<html><body><a href="/x">${inner}</a></body></html>`),
  )

const caseArb = tokenArb.chain((token) =>
  fc.record({
    token: fc.constant(token),
    httpStatus: httpStatusArb,
    text: answerText(token),
    tolerateError: fc.boolean(),
    sideEffect: fc.boolean(),
  }),
)

const isRedirect = (httpStatus: number) => httpStatus >= 300 && httpStatus < 400

const parseRecord = (text: string): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

// What the documented behaviour says `gatewayMessage` holds: every string of the body redacted,
// an array message joined with `; `.
const redactDeep = (value: unknown, token: string): unknown => {
  if (typeof value === 'string') return redact(value, token)
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, token))
  return value
}

const gatewayWords = (message: unknown, token: string): string | undefined => {
  const redacted = redactDeep(message, token)
  if (typeof redacted === 'string') return redacted
  return Array.isArray(redacted) ? redacted.map(String).join('; ') : undefined
}

type Case = {
  httpStatus: number
  text: string
  token: string
  tolerateError: boolean
  sideEffect: boolean
}

const replyOf = (c: Case) =>
  readReply(c.httpStatus, c.text, c.token, {
    tolerateError: c.tolerateError,
    sideEffect: c.sideEffect,
  })

describe('readReply (properties)', () => {
  it('never throws; answers a body only for a success envelope, else an api/auth error', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        let answer: GatewayReply | undefined
        expect(() => {
          answer = replyOf(c)
        }).not.toThrow()
        const body = parseRecord(c.text)
        const status = body?.status
        const httpOk = c.httpStatus >= 200 && c.httpStatus < 300
        const words = body ? gatewayWords(body.message, c.token) : undefined
        const authRefusal = words !== undefined && /invalid api token/i.test(words)
        const success = httpOk && (status === 200 || status === 'success')
        const tolerated =
          c.tolerateError && status === 'error' && c.httpStatus < 500 && !authRefusal
        const redirect = isRedirect(c.httpStatus)
        expect(answer?.ok).toBe(!redirect && body !== undefined && (success || tolerated))
        if (answer?.ok === false) {
          const { error } = answer
          expect(isIprogError(error)).toBe(true)
          expect(error).toBeInstanceOf(IprogApiError)
          expect(error.httpStatus).toBe(c.httpStatus)
          expect(error instanceof IprogAuthError).toBe(
            !redirect && body !== undefined && !success && authRefusal,
          )
          // A well-formed refusal: the gateway's own error status and words, below HTTP 500.
          const refused =
            !redirect &&
            body !== undefined &&
            (typeof status === 'number' || typeof status === 'string') &&
            status !== 200 &&
            status !== 'success' &&
            Boolean(words) &&
            c.httpStatus < 500
          const notFound = refused && (c.httpStatus === 404 || /\bnot found\b/i.test(words ?? ''))
          expect(error.code).toBe(
            error instanceof IprogAuthError ? 'auth_error' : notFound ? 'not_found' : 'api_error',
          )
          expect(error.maybeDelivered).toBe(c.sideEffect && !refused)
          expect(error.message).not.toBe('')
        }
      }),
      { numRuns: 400 },
    )
  })

  it('never lets the token out: not in the result, the error, its message or gatewayMessage', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const answer = replyOf(c)
        expect(JSON.stringify(answer)).not.toContain(c.token)
        if (!answer.ok) {
          expect(answer.error.message).not.toContain(c.token)
          expect(answer.error.gatewayMessage ?? '').not.toContain(c.token)
          expect(String(answer.error.bodyStatus ?? '')).not.toContain(c.token)
        }
      }),
      { numRuns: 400 },
    )
  })

  it("keeps the gateway's own words (redacted) in gatewayMessage of an error body", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const answer = replyOf(c)
        const body = parseRecord(c.text)
        if (answer.ok || body === undefined || isRedirect(c.httpStatus)) return
        const words = gatewayWords(body.message, c.token)
        expect(answer.error.gatewayMessage).toBe(words)
        if (words) expect(answer.error.message).toContain(words)
      }),
      { numRuns: 400 },
    )
  })

  // Found by the property above: keys were not redacted, so a success body keyed by the token
  // (here written with a JSON `\u` escape) reached the caller with the token in it.
  it('redacts the token from object keys of a success body', () => {
    const token = 'o-04_l1HbV71_R-R2p2-'
    const answer = readReply(200, '{"\\u006f-04_l1HbV71_R-R2p2-":"","status":200}', token)
    expect(answer).toEqual({ ok: true, body: { [REDACTED]: '', status: 200 } })
    const nested = readReply(
      200,
      JSON.stringify({ status: 200, data: { [`https://x/?api_token=${token}`]: 1 } }),
      token,
    )
    expect(JSON.stringify(nested)).not.toContain(token)
    expect(nested.ok && nested.body.data).toEqual({ [`https://x/?api_token=${REDACTED}`]: 1 })
  })

  // parseBody redacts a backslash-free text whole, before the parse, when the token allows it:
  // it must give exactly what redacting each parsed string and key gives, for any token (quotes,
  // backslashes, one letter, digits, `true`, the case-folded spelling of a field name) and text.
  it('gives, redacting the whole text, what string-by-string redaction gives', () => {
    const awkwardToken = fc.oneof(
      tokenArb,
      fc.string({ minLength: 1, maxLength: 12 }),
      fc.constantFrom(
        's',
        'e',
        '1',
        '20',
        'true',
        'NULL',
        'Status',
        'succ',
        'a"b',
        'a\\b',
        ':[',
        'E5',
      ),
    )
    const caseOf = awkwardToken.chain((token) =>
      fc.record({
        token: fc.constant(token),
        text: fc.oneof(
          answerText(token),
          envelopeText(token).map((text) => text.replaceAll('a', token)),
          fc.jsonValue().map((value) => JSON.stringify(value).replaceAll('1', token)),
        ),
      }),
    )
    fc.assert(
      fc.property(caseOf, ({ token, text }) => {
        expect(parseBody(text, token)).toEqual(parseAndScrub(text, token))
      }),
      { numRuns: 2000 },
    )
  })
})
