import type { Issues } from './input-issues.js'

// Philippine Standard Time is UTC+8 all year: the Philippines keeps no daylight saving.
const MANILA_OFFSET_MS = 8 * 60 * 60 * 1000

// ISO-8601 date-time that states its offset; without one the instant is ambiguous.
const ISO_WITH_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?(?:Z|[+-]\d\d:\d\d)$/i

// The gateway's local forms: `2025-03-08 05:00AM` (its docs), `2024-02-15T14:30` (its guide).
const MANILA_LOCAL = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d?):(\d\d)(?::(\d\d)(?:\.\d+)?)?\s*([AP]M)?$/i

/**
 * An instant written as the gateway's 24-hour Manila local time, `YYYY-MM-DDTHH:MM`.
 *
 * @example
 * ```ts
 * toManilaTime(Date.parse('2026-03-08T21:30:00Z')) // '2026-03-09T05:30'
 * ```
 */
export function toManilaTime(ms: number): string {
  return new Date(ms + MANILA_OFFSET_MS).toISOString().slice(0, 16)
}

/**
 * Reads a time the gateway sent back: ISO with an offset, or one of its Manila local forms.
 * `undefined` when it is none of those.
 *
 * @example
 * ```ts
 * parseGatewayTime('2025-03-08 05:00AM') // Date for 2025-03-07T21:00:00Z
 * ```
 */
export function parseGatewayTime(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  const local = MANILA_LOCAL.exec(text)
  // The ISO pattern lets `2025-13-01T00:00Z` through: Date.parse gives NaN, refused below.
  let ms = ISO_WITH_OFFSET.test(text) ? Date.parse(text) : Number.NaN
  if (local) {
    const [, y, mo, d, h, mi, s, half] = local
    let hour = Number(h)
    if (half) {
      if (hour < 1 || hour > 12) return undefined
      hour = (hour % 12) + (/p/i.test(half) ? 12 : 0)
    }
    ms = Date.UTC(+y!, +mo! - 1, +d!, hour, +mi!, +(s ?? 0)) - MANILA_OFFSET_MS
  }
  return Number.isNaN(ms) ? undefined : new Date(ms)
}

/**
 * Checks a reminder time (a valid `Date`, or an ISO-8601 string with an offset) and gives it
 * in Manila time for the gateway; a time that is not in the future is refused, as is a string
 * without an offset (whose instant depends on the reader's zone).
 *
 * @example
 * ```ts
 * scheduleAt('2026-03-09T05:30:00+08:00', Date.now, issues) // '2026-03-09T05:30'
 * ```
 */
export function scheduleAt(value: unknown, now: () => number, issues: Issues): string {
  const path = ['scheduledAt']
  let ms = Number.NaN
  if (value instanceof Date) ms = value.getTime()
  else if (typeof value === 'string') {
    if (!ISO_WITH_OFFSET.test(value.trim())) {
      issues.push({
        path,
        code: 'time_format',
        message:
          'scheduledAt must be a Date or an ISO-8601 time with an offset, e.g. 2026-03-09T05:30+08:00',
      })
      return ''
    }
    ms = Date.parse(value.trim())
  }
  if (Number.isNaN(ms)) {
    issues.push({ path, code: 'time_invalid', message: 'scheduledAt is not a valid time' })
    return ''
  }
  if (ms <= now()) {
    issues.push({
      path,
      code: 'time_past',
      message: `scheduledAt is in the past (${new Date(ms).toISOString()})`,
    })
    return ''
  }
  return toManilaTime(ms)
}
