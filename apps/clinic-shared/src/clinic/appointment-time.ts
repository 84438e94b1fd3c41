/**
 * The booking rule: an appointment starts at least 24 hours ahead, because its reminder goes out
 * 24 hours before, and at most a year ahead.
 */
import { z } from 'zod'

export const REMINDER_LEAD_MS = 24 * 3_600_000
export const MAX_AHEAD_MS = 365 * 24 * 3_600_000

/**
 * The zod schema of `startsAt` against a clock: an ISO 8601 date-time with an offset, no sooner
 * than 24 hours from `now()`, no later than 365 days.
 *
 * @example
 * ```ts
 * startsAtSchema(Date.now).parse('2030-01-31T09:00:00+08:00') // Date
 * ```
 */
export function startsAtSchema(now: () => number) {
  return z
    .string({
      error: (issue) =>
        issue.input === undefined ? 'startsAt is required' : 'startsAt must be a string',
    })
    .pipe(
      z.iso.datetime({
        offset: true,
        error:
          'startsAt must be an ISO 8601 date-time with an offset, e.g. 2030-01-31T09:00:00+08:00',
      }),
    )
    .transform((value, ctx) => {
      const startsAt = new Date(value)
      const ahead = startsAt.getTime() - now()
      if (ahead <= 0) {
        ctx.addIssue({ code: 'custom', message: 'startsAt is in the past' })
      } else if (ahead < REMINDER_LEAD_MS) {
        ctx.addIssue({
          code: 'custom',
          message: 'Book at least 24 hours ahead: the reminder SMS goes out 24 hours before',
        })
      } else if (ahead > MAX_AHEAD_MS) {
        ctx.addIssue({ code: 'custom', message: 'Book at most 365 days ahead' })
      }
      return startsAt
    })
}
