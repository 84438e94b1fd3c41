import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseGatewayTime } from './manila-time.js'

const MANILA_OFFSET_MS = 8 * 60 * 60 * 1000
const pad = (n: number, width = 2) => String(n).padStart(width, '0')

// Every instant whose Manila date has a four-digit year from 0000 to 9998, on a whole minute: the
// gateway's `hh:mmAM` form has no seconds. Years 0000-0099 are in on purpose: Date.UTC would read
// them as 1900-1999 (`0099-12-31 11:59PM` as 1999), so they guard the setUTCFullYear reading.
const minuteArb = fc
  .integer({
    min: Math.ceil(Date.parse('0000-01-01T00:00:00+08:00') / 60_000),
    max: Math.floor(Date.parse('9998-12-31T23:59:00+08:00') / 60_000),
  })
  .map((minutes) => minutes * 60_000)

/** The fields of `ms` on a Manila wall clock. */
const manilaFields = (ms: number) => {
  const local = new Date(ms + MANILA_OFFSET_MS)
  return {
    date: `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`,
    hour: local.getUTCHours(),
    minute: pad(local.getUTCMinutes()),
  }
}

/** `2025-03-08 05:00AM` (the gateway's docs), in the spellings it may vary: padding, case, space. */
const twelveHourForm = (ms: number, padHour: boolean, space: boolean, lower: boolean) => {
  const { date, hour, minute } = manilaFields(ms)
  const half = hour < 12 ? 'AM' : 'PM'
  const hour12 = hour % 12 === 0 ? 12 : hour % 12
  const hh = padHour ? pad(hour12) : String(hour12)
  return `${date} ${hh}:${minute}${space ? ' ' : ''}${lower ? half.toLowerCase() : half}`
}

/** `2025-03-08T05:00:00+08:00`, with or without seconds and fractions. */
const isoForm = (ms: number, precision: 'minute' | 'second' | 'milli') => {
  const { date, hour, minute } = manilaFields(ms)
  const tail = precision === 'minute' ? '' : precision === 'second' ? ':00' : ':00.000'
  return `${date}T${pad(hour)}:${minute}${tail}+08:00`
}

const isoShaped = fc.stringMatching(
  /^\d{4}-\d\d-\d\d[Tt]\d\d:\d\d(:\d\d(\.\d{1,9})?)?([Zz]|[+-]\d\d:\d\d)$/,
)
const localShaped = fc.stringMatching(/^\d{4}-\d\d-\d\d[T ]\d\d?:\d\d(:\d\d)?\s?([AaPp][Mm])?$/)

describe('parseGatewayTime (properties)', () => {
  it('never throws and gives undefined or a valid Date for any value', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), isoShaped, localShaped, fc.anything()),
        (value) => {
          let parsed: Date | undefined
          expect(() => {
            parsed = parseGatewayTime(value)
          }).not.toThrow()
          if (parsed !== undefined) {
            expect(parsed).toBeInstanceOf(Date)
            expect(Number.isFinite(parsed.getTime())).toBe(true)
          }
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('reads the 12-hour Manila form and ISO with +08:00 of one instant as that instant', () => {
    fc.assert(
      fc.property(
        minuteArb,
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('minute', 'second', 'milli') as fc.Arbitrary<'minute' | 'second' | 'milli'>,
        (ms, padHour, space, lower, precision) => {
          const local = parseGatewayTime(twelveHourForm(ms, padHour, space, lower))
          const iso = parseGatewayTime(isoForm(ms, precision))
          expect(iso?.getTime()).toBe(ms)
          expect(local?.getTime()).toBe(ms)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('ignores surrounding whitespace', () => {
    fc.assert(
      fc.property(minuteArb, fc.constantFrom(' ', '\t', '\n', ' \u00a0'), (ms, ws) => {
        expect(
          parseGatewayTime(`${ws}${twelveHourForm(ms, true, false, false)}${ws}`)?.getTime(),
        ).toBe(ms)
        expect(parseGatewayTime(`${ws}${isoForm(ms, 'second')}${ws}`)?.getTime()).toBe(ms)
      }),
    )
  })

  // Found by the first property: an ISO-shaped text Date.parse refuses came back as an Invalid
  // Date instead of undefined.
  it('gives undefined for an ISO-shaped impossible time', () => {
    expect(parseGatewayTime('0000-00-00T00:00-00:00')).toBeUndefined()
    expect(parseGatewayTime('2025-13-01T00:00Z')).toBeUndefined()
    expect(parseGatewayTime('2025-01-01T23:60+08:00')).toBeUndefined()
  })

  it('refuses any local time whose fields Date would roll over', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        (year, month, day, hour, minute) => {
          const fields = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}`
          const real = new Date(0)
          real.setUTCFullYear(year, month - 1, day)
          real.setUTCHours(hour, minute)
          const possible = real.toISOString().startsWith(fields)
          expect(parseGatewayTime(fields) !== undefined).toBe(possible)
          expect(parseGatewayTime(`${fields}+08:00`) !== undefined).toBe(possible)
        },
      ),
      { numRuns: 500 },
    )
  })
})
