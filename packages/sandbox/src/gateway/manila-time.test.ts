import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatManila, parseScheduledAt } from './manila-time.js'

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

describe('formatManila', () => {
  it('writes ISO with milliseconds and +08:00, crossing midnight', () => {
    expect(formatManila(Date.UTC(2025, 2, 7, 21, 0))).toBe('2025-03-08T05:00:00.000+08:00')
    expect(formatManila(Date.UTC(2025, 2, 7, 16, 11, 38, 937))).toBe(
      '2025-03-08T00:11:38.937+08:00',
    )
  })
})

describe('parseScheduledAt', () => {
  it('reads the documentation form and the guide form as the same Manila moment', () => {
    const expected = Date.parse('2025-03-08T05:00:00+08:00')
    expect(parseScheduledAt('2025-03-08 05:00AM')).toBe(expected)
    expect(parseScheduledAt('2025-03-08T05:00')).toBe(expected)
    expect(parseScheduledAt('2025-03-08 5:00 am')).toBe(expected)
  })

  it('reads 12 AM as midnight and 12 PM as noon', () => {
    expect(parseScheduledAt('2025-03-08 12:00AM')).toBe(Date.parse('2025-03-08T00:00:00+08:00'))
    expect(parseScheduledAt('2025-03-08 12:30PM')).toBe(Date.parse('2025-03-08T12:30:00+08:00'))
  })

  it('honours an explicit offset', () => {
    expect(parseScheduledAt('2025-03-07T21:00:00Z')).toBe(Date.parse('2025-03-08T05:00:00+08:00'))
  })

  it.each([
    '2025-02-30T10:00',
    '2025-13-01T10:00',
    '2025-03-08 13:00PM',
    '2025-03-08 00:00AM',
    '2025-03-08T24:00',
    'tomorrow',
    '',
  ])('refuses %j', (text) => {
    expect(parseScheduledAt(text)).toBeUndefined()
  })

  it('reads back every formatted minute in both forms (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 * 24 * 366 * 30 }), (minutes) => {
        const ms = Date.UTC(2020, 0, 1) + minutes * 60_000
        const manila = formatManila(ms)
        const [date, time] = [manila.slice(0, 10), manila.slice(11, 16)]
        const hour = Number(time.slice(0, 2))
        const twelve = `${date} ${pad(hour % 12 === 0 ? 12 : hour % 12)}:${time.slice(3)}${hour < 12 ? 'AM' : 'PM'}`
        expect(parseScheduledAt(`${date}T${time}`)).toBe(ms)
        expect(parseScheduledAt(twelve)).toBe(ms)
      }),
    )
  })
})
