import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { IprogAbortError } from '../../errors.js'
import { backoffDelay, type Failure, parseRetryAfter, shouldRetry, sleep } from './retry.js'

const options = { baseDelayMs: 300, maxDelayMs: 10_000 }

describe('shouldRetry', () => {
  it('retries any method whose request never left', () => {
    for (const method of ['GET', 'POST', 'PATCH', 'DELETE']) {
      expect(shouldRetry(method, { kind: 'unreached' })).toBe(true)
    }
  })

  it('never retries a POST that may have reached the gateway', () => {
    const maybeArrived: Failure[] = [
      { kind: 'network' },
      { kind: 'timeout' },
      { kind: 'http', status: 503 },
      { kind: 'http', status: 429 },
      { kind: 'refused' },
    ]
    for (const failure of maybeArrived) {
      expect(shouldRetry('POST', failure)).toBe(false)
      expect(shouldRetry('PATCH', failure)).toBe(false)
      expect(shouldRetry('DELETE', failure)).toBe(false)
    }
  })

  it('retries a GET on network faults, timeouts, 5xx and 429, not on 4xx or a refusal', () => {
    expect(shouldRetry('GET', { kind: 'network' })).toBe(true)
    expect(shouldRetry('GET', { kind: 'timeout' })).toBe(true)
    expect(shouldRetry('GET', { kind: 'http', status: 502 })).toBe(true)
    expect(shouldRetry('GET', { kind: 'http', status: 429 })).toBe(true)
    expect(shouldRetry('GET', { kind: 'http', status: 404 })).toBe(false)
    expect(shouldRetry('GET', { kind: 'http', status: 200 })).toBe(false)
    expect(shouldRetry('GET', { kind: 'refused' })).toBe(false)
  })
})

describe('backoffDelay', () => {
  it('stays within [0, min(max, base * 2^(attempt-1))) for any random value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, r) => {
          const delay = backoffDelay(attempt, () => r, options)
          const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1))
          expect(delay).toBeGreaterThanOrEqual(0)
          expect(delay).toBeLessThan(Math.max(ceiling, 1))
        },
      ),
    )
  })

  it('grows its ceiling exponentially (full jitter at random → 1)', () => {
    const nearOne = () => 0.999_999
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, nearOne, options))).toEqual([
      299, 599, 1199, 2399,
    ])
    expect(backoffDelay(20, nearOne, options)).toBe(9999)
    expect(backoffDelay(3, () => 0, options)).toBe(0)
  })

  it('uses Retry-After instead, capped at maxDelayMs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (retryAfter) => {
        const delay = backoffDelay(1, () => 0.5, options, retryAfter)
        expect(delay).toBe(Math.min(retryAfter, options.maxDelayMs))
      }),
    )
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z')
  it('reads seconds and HTTP dates, and ignores nonsense', () => {
    expect(parseRetryAfter('3', now)).toBe(3000)
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000)
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(null, now)).toBeUndefined()
  })
})

describe('sleep', () => {
  it('rejects with IprogAbortError carrying the signal’s reason', async () => {
    const controller = new AbortController()
    const pending = sleep(60_000, controller.signal).catch((e) => e)
    controller.abort('bye')
    const error = await pending
    expect(error).toBeInstanceOf(IprogAbortError)
    expect(error.cause).toBe('bye')
    await expect(sleep(10, AbortSignal.abort('x'))).rejects.toBeInstanceOf(IprogAbortError)
    await expect(sleep(1)).resolves.toBeUndefined()
  })
})
