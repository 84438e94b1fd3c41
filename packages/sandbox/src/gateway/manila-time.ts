/**
 * Philippine time (UTC+8, no daylight saving since 1978), the gateway's local time: it writes
 * timestamps as `2025-03-08T05:00:00.000+08:00` and reads `scheduled_at` without an offset.
 */
const OFFSET_MS = 8 * 60 * 60 * 1000

/**
 * Formats a moment the way the gateway writes timestamps.
 *
 * @example
 * ```ts
 * formatManila(Date.UTC(2025, 2, 7, 21, 0)) // '2025-03-08T05:00:00.000+08:00'
 * ```
 */
export function formatManila(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 23) + '+08:00'
}

// The documentation's `2025-03-08 05:00AM` and the guide's `2024-02-15T14:30` (seconds allowed).
const TWELVE_HOUR = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})\s?([AaPp][Mm])$/
const TWENTY_FOUR_HOUR = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/
// A full ISO-8601 time with its own offset, which a Rails server honours as given.
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})$/

function manilaToEpoch(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number | undefined {
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined
  const utc = Date.UTC(year, month - 1, day, hour, minute, second)
  // Date.UTC rolls 31 February into March: refuse dates that do not exist.
  if (new Date(utc).getUTCDate() !== day) return undefined
  return utc - OFFSET_MS
}

/**
 * Reads a reminder's `scheduled_at` in either documented form as Manila time, or an ISO time
 * with an explicit offset. `undefined` when it is neither.
 *
 * @example
 * ```ts
 * parseScheduledAt('2025-03-08 05:00AM') === parseScheduledAt('2025-03-08T05:00') // true
 * ```
 */
export function parseScheduledAt(text: string): number | undefined {
  const value = text.trim()
  const twelve = TWELVE_HOUR.exec(value)
  if (twelve) {
    const [, y, mo, d, h, mi, meridiem] = twelve
    const hour12 = Number(h)
    if (hour12 < 1 || hour12 > 12) return undefined
    const hour = (hour12 % 12) + (meridiem!.toUpperCase() === 'PM' ? 12 : 0)
    return manilaToEpoch(Number(y), Number(mo), Number(d), hour, Number(mi), 0)
  }
  const twentyFour = TWENTY_FOUR_HOUR.exec(value)
  if (twentyFour) {
    const [, y, mo, d, h, mi, s] = twentyFour
    return manilaToEpoch(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? 0))
  }
  if (WITH_OFFSET.test(value)) {
    const ms = Date.parse(value)
    return Number.isFinite(ms) ? ms : undefined
  }
  return undefined
}
