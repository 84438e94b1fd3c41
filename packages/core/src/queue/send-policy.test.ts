import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  IprogApiError,
  IprogAuthError,
  IprogNetworkError,
  IprogTimeoutError,
  IprogValidationError,
} from '../errors.js'
import { judgeError, judgeFailure, resolveRetryPolicy, retryDelay } from './send-policy.js'

describe('judgeFailure', () => {
  it('retries only what certainly never reached the gateway', () => {
    expect(judgeError(new IprogNetworkError('refused', false))).toBe('retry')
    expect(judgeError(new IprogNetworkError('reset', true))).toBe('unknown')
    expect(judgeError(new IprogTimeoutError('slow', 10, true))).toBe('unknown')
    const refusal = Object.assign(new IprogApiError('busy', { bodyStatus: 500 }), {
      maybeDelivered: false,
    })
    expect(judgeError(refusal)).toBe('retry')
  })

  it('fails what retrying cannot fix, and what never left', () => {
    expect(judgeError(new IprogValidationError('bad number'))).toBe('failed')
    const auth = Object.assign(new IprogAuthError('no load'), { maybeDelivered: false })
    expect(judgeError(auth)).toBe('failed')
    const sender = Object.assign(new IprogApiError('needs sender', { bodyStatus: 402 }), {
      maybeDelivered: false,
    })
    expect(judgeError(sender)).toBe('failed')
  })

  it('reads a missing flag, or anything not an IprogError, as maybe delivered', () => {
    expect(judgeError(new IprogApiError('HTTP 500'))).toBe('unknown')
    expect(judgeError(new TypeError('bug'))).toBe('unknown')
    expect(judgeFailure({ code: 'api_error' })).toBe('unknown')
  })

  it('never answers retry for a failure that may have been delivered (any shape)', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            code: fc.string(),
            maybeDelivered: fc.option(fc.boolean(), { nil: undefined }),
            bodyStatus: fc.option(fc.oneof(fc.integer(), fc.string()), { nil: undefined }),
          },
          { requiredKeys: [] },
        ),
        (failure) => {
          const verdict = judgeFailure(failure)
          if (failure.maybeDelivered !== false) expect(verdict).not.toBe('retry')
        },
      ),
    )
  })
})

describe('retryDelay', () => {
  it('doubles from the base delay, capped, with jitter in the upper half', () => {
    const policy = resolveRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1000 })
    expect(retryDelay(1, policy, () => 0)).toBe(50)
    expect(retryDelay(1, policy, () => 1)).toBe(100)
    expect(retryDelay(3, policy, () => 1)).toBe(400)
    expect(retryDelay(10, policy, () => 1)).toBe(1000)
  })

  it('refuses a policy that cannot work', () => {
    expect(() => resolveRetryPolicy({ attempts: 0 })).toThrow(IprogValidationError)
    expect(() => resolveRetryPolicy({ baseDelayMs: -1 })).toThrow(IprogValidationError)
  })
})
