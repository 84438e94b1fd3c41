import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseRetryAfter } from './retry.js'

// Between 1970 and 2100: the clock of any machine this runs on.
const nowArb = fc.integer({ min: 0, max: 4_102_444_800_000 })
const digit = fc.constantFrom(...'0123456789')
const whitespace = fc.constantFrom('', ' ', '  ', '\t', ' \t ')

const headerValueArb = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  // Any length of digits: a server (or an attacker's proxy) may send a huge delay.
  fc
    .integer({ min: 1, max: 400 })
    .chain((length) => fc.string({ unit: digit, minLength: length, maxLength: length })),
  fc.stringMatching(/^[-+]?\d+(\.\d+)?(e[-+]?\d+)?$/),
  fc.date({ noInvalidDate: true }).map((date) => date.toUTCString()),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  fc.constantFrom('soon', 'Infinity', 'NaN', '0x10', '1e3', '-1', '', ' '),
)

describe('parseRetryAfter (properties)', () => {
  it('gives undefined or a finite, non-negative number of milliseconds for any text', () => {
    fc.assert(
      fc.property(headerValueArb, nowArb, (value, now) => {
        const ms = parseRetryAfter(value, now)
        if (ms !== undefined) {
          expect(Number.isFinite(ms)).toBe(true)
          expect(ms).toBeGreaterThanOrEqual(0)
        }
      }),
      { numRuns: 1000 },
    )
  })

  it('reads delta-seconds, padded or with leading zeros, as exactly that many seconds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 3 }),
        whitespace,
        whitespace,
        nowArb,
        (seconds, zeros, before, after, now) => {
          const value = `${before}${'0'.repeat(zeros)}${seconds}${after}`
          expect(parseRetryAfter(value, now)).toBe(seconds * 1000)
        },
      ),
    )
  })

  it('reads an HTTP-date as the time left until it, never less than 0', () => {
    fc.assert(
      fc.property(
        nowArb,
        fc.integer({ min: -10 * 365 * 86_400, max: 10 * 365 * 86_400 }),
        (now, offsetSeconds) => {
          // HTTP-dates have whole seconds: the instant the header names.
          const at = Math.floor(now / 1000) * 1000 + offsetSeconds * 1000
          const ms = parseRetryAfter(new Date(at).toUTCString(), now)
          expect(ms).toBe(Math.max(0, at - now))
        },
      ),
    )
  })

  it('gives undefined for null, undefined and blank values', () => {
    fc.assert(
      fc.property(fc.constantFrom(null, undefined), whitespace, nowArb, (missing, blank, now) => {
        expect(parseRetryAfter(missing, now)).toBeUndefined()
        expect(parseRetryAfter(blank, now)).toBeUndefined()
      }),
    )
  })

  // Found by the first property: 306 digits overflowed to Infinity ms.
  it('never reads a huge delta-seconds value as an infinite delay', () => {
    expect(parseRetryAfter(`3${'0'.repeat(305)}`, 0)).toBeUndefined()
    expect(parseRetryAfter('9'.repeat(400), 0)).toBeUndefined()
    expect(parseRetryAfter('999999999999999', 0)).toBe(999_999_999_999_999_000)
  })
})
