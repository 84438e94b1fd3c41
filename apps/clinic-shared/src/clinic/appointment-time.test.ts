import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_AHEAD_MS, REMINDER_LEAD_MS, startsAtSchema } from './appointment-time.js'
import { formatManila, toManilaIso } from './manila-time.js'

const NOW = Date.parse('2026-12-01T12:00:00Z')
const schema = startsAtSchema(() => NOW)
const messageOf = (input: unknown) => {
  const parsed = schema.safeParse(input)
  return parsed.success ? undefined : parsed.error.issues[0]?.message
}

describe('startsAt', () => {
  it('accepts a time 24 hours to 365 days ahead, in any offset, as the same instant', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: REMINDER_LEAD_MS, max: MAX_AHEAD_MS }),
        fc.integer({ min: -12, max: 14 }),
        (ahead, offsetHours) => {
          const at = Math.floor((NOW + ahead) / 1000) * 1000
          const iso = withOffset(at, offsetHours)
          const parsed = schema.safeParse(iso)
          // Rounding down to the second can fall just under 24 h: that one must be refused.
          expect(parsed.success).toBe(at - NOW >= REMINDER_LEAD_MS)
          if (parsed.success) expect(parsed.data.getTime()).toBe(at)
        },
      ),
    )
  })

  it('refuses the past, less than 24 hours ahead, and more than a year ahead, saying which', () => {
    expect(messageOf(new Date(NOW - 1000).toISOString())).toBe('startsAt is in the past')
    expect(messageOf(new Date(NOW + REMINDER_LEAD_MS - 60_000).toISOString())).toMatch(
      /at least 24 hours ahead/,
    )
    expect(messageOf(new Date(NOW + MAX_AHEAD_MS + 60_000).toISOString())).toBe(
      'Book at most 365 days ahead',
    )
  })

  it('refuses anything but an ISO date-time with an offset', () => {
    for (const input of ['2027-01-05 09:00', '2027-01-05T09:00:00', 'tomorrow', '', 5, null]) {
      expect(messageOf(input)).toBeDefined()
    }
    expect(messageOf(undefined)).toBe('startsAt is required')
    fc.assert(
      fc.property(fc.string(), (text) => {
        const parsed = schema.safeParse(text)
        if (parsed.success)
          expect(text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/)
      }),
    )
  })
})

describe('Manila time', () => {
  it('writes a UTC instant as Manila wall-clock time (UTC+8, no daylight saving)', () => {
    const at = new Date('2026-12-07T16:05:00Z')
    expect(formatManila(at)).toBe('Tue 8 Dec 2026, 12:05 AM')
    expect(toManilaIso(at)).toBe('2026-12-08T00:05:00+08:00')
    expect(formatManila(new Date('2027-06-30T04:30:00Z'))).toBe('Wed 30 Jun 2027, 12:30 PM')
  })

  it('round-trips every instant through toManilaIso', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800 }), (seconds) => {
        const at = new Date(seconds * 1000)
        expect(Date.parse(toManilaIso(at))).toBe(at.getTime())
      }),
    )
  })
})

function withOffset(at: number, offsetHours: number): string {
  const local = new Date(at + offsetHours * 3_600_000).toISOString().slice(0, 19)
  const sign = offsetHours < 0 ? '-' : '+'
  return `${local}${sign}${String(Math.abs(offsetHours)).padStart(2, '0')}:00`
}
