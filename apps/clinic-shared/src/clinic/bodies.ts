/**
 * The JSON bodies of the clinic's own routes (and tRPC procedures), checked by zod and turned
 * into core's `IprogValidationError`, so `toProblem` answers them as a 400 with every field.
 */
import { IprogValidationError, parsePhone, type ValidationIssue } from '@iprog-sms/core'
import { z } from 'zod'
import { startsAtSchema } from './appointment-time.js'

const jsonObject = { error: 'The body must be a JSON object' }

// Core's own phone rule, normalised to 639XXXXXXXXX, so `0917…` and `+63 917…` are one patient.
const phoneSchema = z
  .string({ error: 'The phone number must be a string' })
  .transform((value, ctx) => {
    const parsed = parsePhone(value)
    if (parsed.ok) return parsed.value
    ctx.addIssue({ code: 'custom', message: parsed.reason })
    return z.NEVER
  })

export const sessionBody = z.object(
  {
    phone: phoneSchema,
    code: z
      .string({ error: 'The code must be a string of digits' })
      .regex(/^\d{4,10}$/, 'The code is 4 to 10 digits, as in the SMS'),
  },
  jsonObject,
)

export const appointmentBody = (now: () => number) =>
  z.object({ startsAt: startsAtSchema(now) }, jsonObject)

export const announcementBody = z.object(
  {
    message: z
      .string({ error: 'The message must be a string' })
      .trim()
      .min(1, 'The message is empty')
      .max(1000, 'The message is longer than 1000 characters'),
  },
  jsonObject,
)

/**
 * Parses a body or throws `IprogValidationError` listing every problem with its path.
 *
 * @example
 * ```ts
 * const { message } = parseBody(announcementBody, req.body)
 * ```
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body)
  if (parsed.success) return parsed.data
  const issues: ValidationIssue[] = parsed.error.issues.map((issue) => ({
    path: issue.path.filter((key) => typeof key !== 'symbol') as (string | number)[],
    message: issue.message,
  }))
  // The messages name their field, so the detail reads well on the page as it is.
  throw new IprogValidationError(issues.map((issue) => issue.message).join('; '), issues)
}
