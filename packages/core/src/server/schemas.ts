/**
 * Input schemas of the operations (zod 4). Messages say what is wrong in words an end user can
 * act on; phone numbers are checked by core's own `parsePhone` (one rule for the client and the
 * routes) and normalised, so `0917…` and `+63 917…` hit the same OTP counters.
 */
// zod/mini: the functional API tree-shakes to what these schemas use (a Hono worker with the
// routes stays under 40 kB min+gz); the schemas and their messages are those of classic zod.
import * as z from 'zod/mini'
import { parsePhone } from '../phone.js'

const text = (what: string) =>
  z.string({
    error: (issue) =>
      issue.input === undefined ? `${what} is required` : `${what} must be a string`,
  })

/** A Philippine mobile number in any common form, normalised to `639XXXXXXXXX`. */
export const phoneSchema = z.pipe(
  text('Phone number').register(z.globalRegistry, {
    description:
      'Philippine mobile number in any common form (+63 917 123 4567, 0917-123-4567, 9171234567)',
    examples: ['+63 917 123 4567'],
  }),
  z.transform((value: string, payload) => {
    const parsed = parsePhone(value)
    if (parsed.ok) return parsed.value
    // The phone rule's own code (`phone_country`, …) rides in `params`: the service copies it
    // into the issue, so a route says what the client says for the same number.
    payload.issues.push({
      code: 'custom',
      message: parsed.reason,
      params: { code: parsed.code },
      input: value,
    })
    return z.NEVER
  }),
)

const messageSchema = text('Message').check(z.minLength(1, 'Message is empty'))

const providerSchema = z.optional(
  z.union([z.literal(0), z.literal(1), z.literal(2)], { error: 'smsProvider must be 0, 1 or 2' }),
)

/** A batch id: what `enqueueBulk` accepts, safe in a URL and a Redis key. */
const batchIdSchema = text('Batch id').check(
  z.regex(/^[\w.~-]{1,100}$/, 'Batch id must be 1-100 letters, digits or _ . ~ -'),
)

/** A positive integer id from a path segment (`'12'`) or a JSON number (`12`). */
// Typed by hand: the inferred `ZodMiniInt` type does not exist before zod 4.1 (peer floor 4.0).
const idSchema: z.ZodMiniType<number, string | number> = z.pipe(
  // Typed as what callers send (a path segment or a JSON number), not zod's default `unknown`.
  // The integer check on the input side too, so JSON Schema readers (Fastify, OpenAPI) see
  // `integer` for the path id, as they did before zod/mini.
  z.coerce
    .number<string | number>({ error: 'Must be a positive integer' })
    .check(z.int({ error: 'Must be a positive integer' })),
  z.int({ error: 'Must be a positive integer' }).check(z.positive('Must be a positive integer')),
)

const scheduledAtSchema = z.pipe(
  text('scheduledAt'),
  z.iso.datetime({
    offset: true,
    error: 'Must be an ISO-8601 date-time with an offset, e.g. 2030-01-31T09:00:00+08:00',
  }),
)

/** The limits the schemas take from the service options. */
export interface SchemaLimits {
  maxBulkRecipients: number
  /** Most recipients of one queued batch (`POST /batches`). Default 100 000. */
  maxBatchRecipients?: number
  /** Most parts of one SMS, as the client's `maxSegments`. Default 10. */
  maxSegments?: number
}

/** A GSM-7 part of a multipart message holds 153 characters: no sendable text is longer. */
const CHARS_PER_PART = 153

/**
 * Builds the input schema of every operation; the bulk recipient cap is a service option.
 *
 * @example
 * ```ts
 * createSchemas({ maxBulkRecipients: 100 })['messages.send'].safeParse({ to: '0917 123 4567', message: 'hi' })
 * ```
 */
export function createSchemas(limits: SchemaLimits) {
  const maxTextLength = (limits.maxSegments ?? 10) * CHARS_PER_PART
  return {
    'messages.send': z.object({
      to: phoneSchema,
      message: messageSchema,
      smsProvider: providerSchema,
      senderName: z.optional(text('senderName').check(z.minLength(1))),
    }),
    'messages.sendBulk': z.object({
      // Numbers are checked one by one by the client: a bad one goes to `rejected`, the good
      // ones are sent (one behaviour for the route and `client.messages.sendBulk`).
      to: z
        .array(text('Phone number'), { error: 'Recipients must be an array of phone numbers' })
        .check(
          z.minLength(1, 'At least one recipient is required'),
          z.maxLength(
            limits.maxBulkRecipients,
            `At most ${limits.maxBulkRecipients} recipients per request`,
          ),
        ),
      message: messageSchema,
      smsProvider: providerSchema,
      senderName: z.optional(text('senderName').check(z.minLength(1))),
    }),
    'messages.status': z.object({
      id: text('Message id').check(z.minLength(1, 'Message id is empty')),
    }),
    'account.credits': z.object({}),
    // No `message`, `codeLength` or `expiresInMinutes` from the caller: a public route that lets
    // anyone word the SMS is a free spam relay. Those are server options (`otp` in the service).
    'otp.send': z.object({ to: phoneSchema }),
    'otp.verify': z.object({
      to: phoneSchema,
      code: text('Code').check(z.regex(/^\d{4,10}$/, 'Code must be 4 to 10 digits')),
    }),
    'reminders.create': z.object({
      to: phoneSchema,
      message: messageSchema,
      scheduledAt: scheduledAtSchema,
    }),
    'reminders.get': z.object({ id: idSchema }),
    'reminders.update': z
      .object({
        id: idSchema,
        to: z.optional(phoneSchema),
        message: z.optional(messageSchema),
        scheduledAt: z.optional(scheduledAtSchema),
      })
      .check(
        z.refine(
          (patch) =>
            patch.to !== undefined ||
            patch.message !== undefined ||
            patch.scheduledAt !== undefined,
          { message: 'Give at least one of to, message, scheduledAt' },
        ),
      ),
    'reminders.delete': z.object({ id: idSchema }),
    'batches.create': z.object({
      // Numbers are checked by the queue: a bad one goes to `rejected`, the rest are queued.
      to: z
        .array(text('Phone number'), { error: 'Recipients must be an array of phone numbers' })
        .check(
          z.minLength(1, 'At least one recipient is required'),
          z.maxLength(
            limits.maxBatchRecipients ?? 100_000,
            `At most ${limits.maxBatchRecipients ?? 100_000} recipients per batch`,
          ),
        ),
      message: messageSchema.check(
        z.maxLength(maxTextLength, `Message is longer than ${maxTextLength} characters`),
      ),
      batchId: z.optional(batchIdSchema),
      smsProvider: providerSchema,
      senderName: z.optional(text('senderName').check(z.minLength(1))),
    }),
    'batches.get': z.object({ id: batchIdSchema }),
    segments: z.object({
      // The route is public and costs CPU per character: nothing longer than the longest text the
      // client would send is worth analysing.
      text: text('Text').check(
        z.maxLength(
          maxTextLength,
          `Text is longer than the longest SMS (${maxTextLength} characters in ${maxTextLength / CHARS_PER_PART} parts)`,
        ),
      ),
      smartEncoding: z.optional(z.boolean({ error: 'smartEncoding must be a boolean' })),
    }),
  }
}

export type OperationSchemas = ReturnType<typeof createSchemas>
