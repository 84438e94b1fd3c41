import { createHash, timingSafeEqual } from 'node:crypto'

/**
 * Whether a request's `x-api-key` is the staff key, compared in constant time (hashing first
 * makes both sides the same length, so the length does not leak either).
 *
 * @example
 * ```ts
 * isStaffKey(req.headers['x-api-key'], process.env.SMS_ROUTES_KEY)
 * ```
 */
export function isStaffKey(given: unknown, staffKey: string): boolean {
  if (typeof given !== 'string' || given.length === 0) return false
  const digest = (value: string) => createHash('sha256').update(value).digest()
  return timingSafeEqual(digest(given), digest(staffKey))
}
