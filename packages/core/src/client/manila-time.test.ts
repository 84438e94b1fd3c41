import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Issues } from './input-issues.js'
import { parseGatewayTime, scheduleAt, toManilaTime } from './manila-time.js'

describe('toManilaTime', () => {
  it('writes an instant in UTC+8 as YYYY-MM-DDTHH:MM', () => {
    expect(toManilaTime(Date.parse('2026-03-08T21:30:00Z'))).toBe('2026-03-09T05:30')
    expect(toManilaTime(Date.parse('2026-12-31T16:00:00Z'))).toBe('2027-01-01T00:00')
  })

  it('round-trips through the gateway’s local form to the same minute', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (ms) => {
        const minute = ms - (ms % 60_000)
        expect(parseGatewayTime(toManilaTime(ms))?.getTime()).toBe(minute)
      }),
    )
  })
})

describe('parseGatewayTime', () => {
  it('reads ISO with offset and both Manila local forms', () => {
    const at = new Date('2025-03-07T21:00:00.000Z')
    expect(parseGatewayTime('2025-03-08T05:00:00.000+08:00')).toEqual(at)
    expect(parseGatewayTime('2025-03-08 05:00AM')).toEqual(at)
    expect(parseGatewayTime('2025-03-08T05:00')).toEqual(at)
    expect(parseGatewayTime('2025-03-08 12:00AM')).toEqual(new Date('2025-03-07T16:00:00Z'))
    expect(parseGatewayTime('2025-03-08 12:30PM')).toEqual(new Date('2025-03-08T04:30:00Z'))
  })

  it('gives undefined for anything else', () => {
    for (const value of [undefined, 5, 'tomorrow', '2025-03-08 13:00PM', '']) {
      expect(parseGatewayTime(value)).toBeUndefined()
    }
  })

  it('refuses impossible local and ISO times instead of rolling them over', () => {
    // Date.UTC would give 2026-02-17 and 2025-03-02 for these.
    for (const value of [
      '2025-13-45 99:99',
      '2025-02-30 10:00AM',
      '2025-02-29T10:00',
      '2025-04-31T10:00',
      '2025-02-30T10:00+08:00',
      '2025-02-30T10:00:00.000Z',
      '2025-01-01T24:00Z',
      '2025-01-01 10:60AM',
      '2025-01-01T10:00:60',
    ]) {
      expect(parseGatewayTime(value), value).toBeUndefined()
    }
    expect(parseGatewayTime('2024-02-29 10:00AM')).toEqual(new Date('2024-02-29T02:00:00Z'))
  })

  it('keeps years 0000-0099 as written (Date.UTC reads them as 1900-1999)', () => {
    expect(parseGatewayTime('0099-12-31 11:59PM')?.toISOString()).toBe('0099-12-31T15:59:00.000Z')
    expect(parseGatewayTime('0000-01-01T08:00')?.toISOString()).toBe('0000-01-01T00:00:00.000Z')
  })
})

describe('scheduleAt', () => {
  const now = () => Date.parse('2026-01-01T00:00:00Z')
  const check = (value: unknown) => {
    const issues: Issues = []
    const out = scheduleAt(value, now, issues)
    return { out, codes: issues.map((i) => i.code) }
  }

  it('accepts a future Date or ISO string with an offset', () => {
    expect(check(new Date('2026-01-01T01:00:00Z'))).toEqual({ out: '2026-01-01T09:00', codes: [] })
    expect(check('2026-01-01T09:00:00+08:00').out).toBe('2026-01-01T09:00')
    expect(check('2026-01-01T01:00Z').out).toBe('2026-01-01T09:00')
  })

  it('refuses past times, strings without offset and invalid dates', () => {
    expect(check(new Date('2025-12-31T23:59:59Z')).codes).toEqual(['time_past'])
    expect(check('2026-01-01T09:00:00').codes).toEqual(['time_format'])
    expect(check('2026-01-01 09:00AM').codes).toEqual(['time_format'])
    expect(check(new Date(Number.NaN)).codes).toEqual(['time_invalid'])
    expect(check(12345).codes).toEqual(['time_invalid'])
  })

  it('refuses an impossible ISO date instead of rolling it over', () => {
    expect(check('2026-02-30T10:00+08:00')).toEqual({ out: undefined, codes: ['time_invalid'] })
  })
})
