/**
 * Clinic times as a patient in the Philippines reads them. Manila is UTC+8 all year (no
 * daylight saving), so plain arithmetic is exact and does not depend on the ICU data Node was
 * built with.
 */
const MANILA_OFFSET_MS = 8 * 3_600_000
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const
const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const

/**
 * A time as the SMS says it, in Manila time.
 *
 * @example
 * ```ts
 * formatManila(new Date('2026-12-08T01:30:00Z')) // 'Tue 8 Dec 2026, 9:30 AM'
 * ```
 */
export function formatManila(time: Date): string {
  const local = new Date(time.getTime() + MANILA_OFFSET_MS)
  const hours = local.getUTCHours()
  const minutes = String(local.getUTCMinutes()).padStart(2, '0')
  const clock = `${hours % 12 === 0 ? 12 : hours % 12}:${minutes} ${hours < 12 ? 'AM' : 'PM'}`
  const day = `${DAYS[local.getUTCDay()]} ${local.getUTCDate()} ${MONTHS[local.getUTCMonth()]}`
  return `${day} ${local.getUTCFullYear()}, ${clock}`
}

/**
 * The ISO form with the Manila offset, how the app answers `startsAt`.
 *
 * @example
 * ```ts
 * toManilaIso(new Date('2026-12-08T01:30:00Z')) // '2026-12-08T09:30:00+08:00'
 * ```
 */
export function toManilaIso(time: Date): string {
  const local = new Date(time.getTime() + MANILA_OFFSET_MS).toISOString()
  return `${local.slice(0, 19)}+08:00`
}
