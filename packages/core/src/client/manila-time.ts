import { addIssue, type Issues } from './input-issues.js'

// Philippine Standard Time is UTC+8 all year: the Philippines keeps no daylight saving.
const MANILA_OFFSET_MS = 8 * 60 * 60 * 1000

// ISO-8601 date-time that states its offset; without one the instant is ambiguous.
const ISO_WITH_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?(?:Z|[+-]\d\d:\d\d)$/i

// The first instant whose Manila wall clock has a five-digit year: `YYYY-MM-DDTHH:MM` cannot
// write it (toISOString would give `+010000-…`, or throw past the largest Date).
const MANILA_YEAR_10000 = Date.UTC(10000, 0, 1) - MANILA_OFFSET_MS

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
 * `undefined` when it is none of those, or names a time that does not exist (`2025-02-30`,
 * `25:00`): such a time is refused, not rolled over to another day.
 *
 * @example
 * ```ts
 * parseGatewayTime('2025-03-08 05:00AM') // Date for 2025-03-07T21:00:00Z
 * ```
 */
export function parseGatewayTime(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  const iso = ISO_WITH_OFFSET.test(text)
  // An ISO time's first 16 characters are its wall clock at its own offset, in the local form.
  const fields = MANILA_LOCAL.exec(iso ? text.slice(0, 16) : text)
  if (!fields) return undefined
  const [, y, mo, d, h, mi, s, half] = fields
  if (half && (+h! > 12 || !+h!)) return undefined
  const hour = half ? (+h! % 12) + (/p/i.test(half) ? 12 : 0) : +h!
  const date = new Date(0)
  // setUTCFullYear, unlike Date.UTC, keeps years 0-99 as written (Date.UTC reads 99 as 1999).
  date.setUTCFullYear(+y!, +mo! - 1, +d!)
  date.setUTCHours(hour, +mi!, +(s ?? 0))
  const ms = iso ? Date.parse(text) : +date - MANILA_OFFSET_MS
  // Date rolls an impossible time over (`2025-02-30` to March 2, `99:99` to later days): the
  // fields must read back as written.
  return Number.isNaN(ms) ||
    !date.toISOString().startsWith(`${y}-${mo}-${d}T${`0${hour}`.slice(-2)}:${mi}`)
    ? undefined
    : new Date(ms)
}

/**
 * Checks a reminder time (a valid `Date`, or an ISO-8601 string with an offset) and gives it
 * in Manila time for the gateway. Refused, with an issue recorded and `undefined` given: a time
 * not in the future, an invalid `Date`, an impossible date such as `2026-02-30T10:00+08:00`, a
 * time from the year 10000 on (Manila time), and a string without an offset (whose instant
 * depends on the reader's zone).
 *
 * @example
 * ```ts
 * scheduleAt('2026-03-09T05:30:00+08:00', Date.now, issues) // '2026-03-09T05:30'
 * ```
 */
export function scheduleAt(value: unknown, now: () => number, issues: Issues): string | undefined {
  const path = 'scheduledAt'
  if (typeof value === 'string' && !ISO_WITH_OFFSET.test(value.trim())) {
    return addIssue(
      issues,
      path,
      'time_format',
      'scheduledAt must be a Date or an ISO-8601 time with an offset, e.g. 2026-03-09T05:30+08:00 (without one the time is ambiguous)',
    )
  }
  // Anything but a Date or a string reads as NaN: not a valid time.
  const ms = value instanceof Date ? +value : (parseGatewayTime(value)?.getTime() ?? Number.NaN)
  if (Number.isNaN(ms)) {
    return addIssue(issues, path, 'time_invalid', 'scheduledAt is not a valid time')
  }
  if (ms >= MANILA_YEAR_10000) {
    return addIssue(
      issues,
      path,
      'time_too_late',
      'scheduledAt must be before the year 10000 (Philippine time), which the gateway cannot write',
    )
  }
  return ms > now()
    ? toManilaTime(ms)
    : addIssue(
        issues,
        path,
        'time_past',
        `scheduledAt is in the past (${new Date(ms).toISOString()}); a reminder needs a future time`,
      )
}
