import { describe, expect, it } from 'vitest'
import {
  IprogApiError,
  IprogAuthError,
  IprogNetworkError,
  IprogTimeoutError,
  IprogValidationError,
} from '../errors.js'
import {
  IprogForbiddenError,
  IprogOtpAttemptsExceededError,
  IprogPayloadTooLargeError,
  IprogRateLimitError,
  IprogRouteError,
  IprogStoreFullError,
  IprogUnsupportedMediaTypeError,
} from './errors.js'
import { PROBLEM_KINDS, toProblem } from './problem.js'

describe('toProblem', () => {
  it('lists every validation issue as errors with a 400', () => {
    const problem = toProblem(
      new IprogValidationError('bad', [
        { path: ['to'], message: 'Not a Philippine mobile number' },
        { path: ['message'], message: 'Message is empty' },
      ]),
    )
    expect(problem.status).toBe(400)
    expect(problem.headers['content-type']).toBe('application/problem+json')
    expect(problem.body).toMatchObject({
      status: 400,
      code: 'validation_error',
      type: 'urn:iprog-sms:problem:validation_error',
      errors: [
        { path: ['to'], message: 'Not a Philippine mobile number' },
        { path: ['message'], message: 'Message is empty' },
      ],
    })
  })

  it('sends Retry-After with every 429', () => {
    for (const error of [
      new IprogRateLimitError('slow down', 12.2),
      new IprogOtpAttemptsExceededError(12.2),
    ]) {
      const problem = toProblem(error)
      expect(problem.status).toBe(429)
      expect(problem.headers['retry-after']).toBe('13')
      expect(problem.body.retryAfter).toBe(13)
    }
  })

  it('maps gateway faults to 502 and 504 with fixed details that never echo the error', () => {
    const secret = 'tok_SECRET_0123456789abcdef'
    const cases: [Error, number][] = [
      [new IprogAuthError(`Invalid api token ${secret}`), 502],
      [new IprogApiError(`refused ${secret}`, { httpStatus: 500 }), 502],
      [new IprogNetworkError(`ECONNREFUSED ${secret}`, false), 502],
      [new IprogTimeoutError(`timeout ${secret}`, 100, true), 504],
      [new Error(`boom ${secret}`), 500],
    ]
    for (const [error, status] of cases) {
      const problem = toProblem(error)
      expect(problem.status).toBe(status)
      const text = JSON.stringify(problem)
      expect(text).not.toContain(secret)
      expect(text).not.toContain('at ')
    }
    expect(toProblem(new IprogTimeoutError('t', 1, true)).body.maybeDelivered).toBe(true)
  })

  it('says maybeDelivered false on every refusal made before the gateway, whoever raised it', () => {
    const refusals: unknown[] = [
      new IprogForbiddenError(),
      new IprogRateLimitError('slow down', 3),
      new IprogPayloadTooLargeError(65_536),
      new IprogUnsupportedMediaTypeError('text/plain'),
      new IprogStoreFullError(10),
      new IprogRouteError('method_not_allowed', ['POST']),
      // Express's body-parser and Fastify's parser, before any handler ran.
      Object.assign(new Error('request entity too large'), { status: 413 }),
      Object.assign(new Error('Body is not valid JSON'), {
        statusCode: 400,
        code: 'FST_ERR_CTP_INVALID_JSON_BODY',
      }),
    ]
    for (const error of refusals) {
      expect(toProblem(error).body.maybeDelivered, String(error)).toBe(false)
    }
    // Every 4xx the server raises itself is a refusal; the gateway's own 404 and a cancel are
    // answers about a call, which their errors describe.
    const answersAboutACall = ['aborted', 'gateway_not_found']
    for (const [code, kind] of Object.entries(PROBLEM_KINDS)) {
      if (kind.status < 500 && !answersAboutACall.includes(code)) {
        expect(kind.maybeDelivered, code).toBe(false)
      }
    }
  })

  it('keeps what a gateway error says about delivery, and claims nothing on an unknown fault', () => {
    const cut = new IprogApiError('cut reply', { httpStatus: 200 }, { maybeDelivered: true })
    expect(toProblem(cut).body.maybeDelivered).toBe(true)
    const refused = new IprogApiError('refused', { httpStatus: 200 }, { maybeDelivered: false })
    expect(toProblem(refused).body.maybeDelivered).toBe(false)
    expect(toProblem(new IprogNetworkError('reset', true)).body.maybeDelivered).toBe(true)
    expect(toProblem(new Error('a bug')).body).not.toHaveProperty('maybeDelivered')
  })

  it('passes a 404 of the gateway on as 404, not as a gateway fault', () => {
    const problem = toProblem(new IprogApiError('Reminder not found', { httpStatus: 404 }))
    expect(problem).toMatchObject({ status: 404, body: { code: 'gateway_not_found' } })
    expect(toProblem(new IprogApiError('refused', { httpStatus: 200 })).status).toBe(502)
  })

  it('maps body-parser and Fastify parser errors to 400 invalid_json and 413', () => {
    const parse = Object.assign(new SyntaxError('Unexpected token'), {
      status: 400,
      type: 'entity.parse.failed',
    })
    const large = Object.assign(new Error('request entity too large'), {
      status: 413,
      type: 'entity.too.large',
    })
    const fastify = Object.assign(new Error('Body is not valid JSON'), {
      statusCode: 400,
      code: 'FST_ERR_CTP_INVALID_JSON',
    })
    expect(toProblem(parse).body.code).toBe('invalid_json')
    expect(toProblem(large)).toMatchObject({ status: 413, body: { code: 'payload_too_large' } })
    expect(toProblem(fastify).body.code).toBe('invalid_json')
    const fastify5 = Object.assign(new Error('Body is not valid JSON'), {
      statusCode: 400,
      code: 'FST_ERR_CTP_INVALID_JSON_BODY',
    })
    expect(toProblem(fastify5).body.code).toBe('invalid_json')
  })

  it('names the allowed methods on a 405', () => {
    const problem = toProblem(new IprogRouteError('method_not_allowed', ['GET', 'DELETE']))
    expect(problem.status).toBe(405)
    expect(problem.headers['allow']).toBe('GET, DELETE')
  })

  it('keeps the issue code of every validation error', () => {
    const problem = toProblem(
      new IprogValidationError('bad', [
        { path: ['to'], message: 'Foreign', code: 'phone_country' },
        { path: ['message'], message: 'Empty' },
      ]),
    )
    expect(problem.body.errors).toEqual([
      { path: ['to'], message: 'Foreign', code: 'phone_country' },
      { path: ['message'], message: 'Empty' },
    ])
  })

  it('answers a code from another copy of core that this table lacks as a 500', () => {
    const foreign = Object.assign(new IprogValidationError('x'), { code: 'from_the_future' })
    expect(toProblem(foreign)).toMatchObject({ status: 500, body: { code: 'internal_error' } })
  })
})
