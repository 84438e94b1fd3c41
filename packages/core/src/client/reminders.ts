import { parsePhone } from '../phone.js'
import type { ClientContext } from './client-context.js'
import {
  type GatewayBody,
  readNumber,
  readRecord,
  readString,
  unexpectedReply,
} from './http/gateway-reply.js'
import type { Method, Params } from './http/transport.js'
import { type Issues, inputObject, invalid, phoneField, throwIfIssues } from './input-issues.js'
import { parseGatewayTime, scheduleAt } from './manila-time.js'
import { prepareText } from './message-text.js'
import type { CallOptions, Reminder, ReminderInput, ReminderPatch, SmsClient } from './types.js'

const PATH = '/api/v1/message-reminders'

// The reminder's own path; its id must be a positive whole number.
function reminderPath(id: unknown): string {
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) {
    throw invalid('id', 'Reminder id must be a positive whole number')
  }
  return `${PATH}/${id}`
}

/**
 * A reminder from the gateway's `data`; `scheduled_at` may come back as ISO or in the
 * documentation's `YYYY-MM-DD hh:mmAM` Manila form. `changed` says the call was a create or an
 * update: an unusable reply then says `maybeDelivered: true` (the gateway did say yes).
 *
 * @example
 * ```ts
 * toReminder({ status: 'success', data: { id: 1, phone_number: '09171251234', … } }, false)
 * ```
 */
export function toReminder(body: GatewayBody, changed: boolean): Reminder {
  const data = readRecord(body, 'data') ?? {}
  const id = readNumber(data, 'id')
  if (id === undefined) throw unexpectedReply(body, 'data.id', changed)
  const scheduledAt = parseGatewayTime(data.scheduled_at)
  if (!scheduledAt) throw unexpectedReply(body, 'data.scheduled_at', changed)
  const phone = readString(data, 'phone_number') ?? ''
  const parsed = parsePhone(phone)
  return {
    id,
    to: parsed.ok ? parsed.value : phone,
    message: readString(data, 'message') ?? '',
    scheduledAt,
    status: readString(data, 'status') ?? '',
    createdAt: parseGatewayTime(data.created_at),
    updatedAt: parseGatewayTime(data.updated_at),
    raw: body,
  }
}

/**
 * `reminders.create/get/update/delete` over one client context. Times go out in Manila time
 * (`YYYY-MM-DDTHH:MM`); a past time is refused locally.
 *
 * @example
 * ```ts
 * await createReminders(ctx).create({ to: '09171234567', message: 'Bill due', scheduledAt: new Date(Date.now() + 3_600_000) })
 * ```
 */
export function createReminders(ctx: ClientContext): SmsClient['reminders'] {
  // Checks the fields present; `create` requires all three, `update` at least one.
  const fields = (input: ReminderPatch, all: boolean) => {
    const issues: Issues = []
    const out: Record<string, string | undefined> = {}
    if (all || input.to !== undefined) out.phone_number = phoneField(input.to, 'to', issues)
    if (all || input.message !== undefined) {
      out.message = prepareText(input.message, ctx.text, issues)?.text
    }
    if (all || input.scheduledAt !== undefined) {
      out.scheduled_at = scheduleAt(input.scheduledAt, ctx.now, issues)
    }
    if (!(all || Object.keys(out).length)) {
      issues.push({ path: [], message: 'Nothing to update: give to, message or scheduledAt' })
    }
    throwIfIssues(issues)
    return out
  }

  const call = async (method: Method, path: string, params: Params, options?: CallOptions) =>
    toReminder(
      await ctx.request(method, path, params, options),
      method === 'POST' || method === 'PATCH',
    )

  return {
    create: async (input: ReminderInput, options?: CallOptions) =>
      call('POST', PATH, fields(inputObject(input, 'reminders.create input'), true), options),
    get: async (id: number, options?: CallOptions) => call('GET', reminderPath(id), {}, options),
    update: async (id: number, patch: ReminderPatch, options?: CallOptions) =>
      call(
        'PATCH',
        reminderPath(id),
        fields(inputObject(patch, 'reminders.update patch'), false),
        options,
      ),
    delete: async (id: number, options?: CallOptions) =>
      call('DELETE', reminderPath(id), {}, options),
  }
}
