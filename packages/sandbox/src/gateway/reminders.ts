/**
 * Scheduled messages at /api/v1/message-reminders. `scheduled_at` is read as Philippine time in
 * either documented form; at that moment of the sandbox clock the reminder is delivered into
 * the inbox like any message (and charged), and its status moves to `sent`.
 */
import { analyzeMessage } from '@iprog-sms/core'
import type { SandboxReply } from '../serve/wire.js'
import type { SandboxState } from '../state.js'
import { formatManila, parseScheduledAt } from './manila-time.js'
import { announceBalance, deliverMessage } from './messages.js'
import type { Params } from './params.js'
import { checkGatewayPhone, INVALID_PHONE_MESSAGE } from './phone.js'
import { GATEWAY_MESSAGES, gatewayError, statusError, statusSuccess } from './replies.js'

export interface ReminderRecord {
  id: number
  token: string
  phoneNumber: string
  to: string
  message: string
  scheduledAt: number
  status: 'scheduled' | 'sent' | 'failed'
  createdAt: number
  updatedAt: number
  /** The inbox message once sent. */
  messageId: string | undefined
  /** Bumped on every reschedule and on delete, so a stale agenda entry does nothing. */
  version: number
}

/** The reminder as the gateway writes it under `data`. */
export interface SandboxReminder {
  id: number
  phone_number: string
  message: string
  scheduled_at: string
  status: 'scheduled' | 'sent' | 'failed'
  created_at: string
  updated_at: string
}

/**
 * The gateway's shape of a reminder.
 *
 * @example
 * ```ts
 * viewReminder(record).scheduled_at // '2025-03-08T05:00:00.000+08:00'
 * ```
 */
export function viewReminder(record: ReminderRecord): SandboxReminder {
  return {
    id: record.id,
    phone_number: record.phoneNumber,
    message: record.message,
    scheduled_at: formatManila(record.scheduledAt),
    status: record.status,
    created_at: formatManila(record.createdAt),
    updated_at: formatManila(record.updatedAt),
  }
}

function fire(state: SandboxState, record: ReminderRecord, version: number): void {
  if (record.version !== version || record.status !== 'scheduled') return
  if (state.reminders.get(record.id) !== record) return
  const analysis = analyzeMessage(record.message)
  if (state.accounts.charge(record.token, analysis.segmentCount)) {
    announceBalance(state)
    const message = deliverMessage(state, {
      token: record.token,
      phoneNumber: record.phoneNumber,
      to: record.to,
      message: record.message,
      analysis,
      source: 'reminder',
    })
    record.messageId = message.id
    record.status = 'sent'
  } else {
    record.status = 'failed'
  }
  record.updatedAt = state.clock.now()
  state.events.publish('reminder', () => viewReminder(record))
}

function plan(state: SandboxState, record: ReminderRecord): void {
  record.version++
  const version = record.version
  state.schedule(record.scheduledAt, () => fire(state, record, version))
}

/** Reads and checks `scheduled_at`: the time, or the refusal to answer with. */
function readTime(state: SandboxState, raw: string): number | SandboxReply {
  const at = parseScheduledAt(raw)
  if (at === undefined) return statusError(422, GATEWAY_MESSAGES.reminderFormat)
  if (at <= state.clock.now()) return statusError(422, GATEWAY_MESSAGES.reminderPast)
  return at
}

/**
 * POST /api/v1/message-reminders: schedules a message.
 *
 * @example
 * ```ts
 * reminderCreateEndpoint(state, { api_token, phone_number: '09171251234', message: 'Bill', scheduled_at: '2030-03-08 05:00AM' })
 * ```
 */
export function reminderCreateEndpoint(state: SandboxState, params: Params): SandboxReply {
  const token = params.api_token
  const phone = params.phone_number
  const text = params.message
  const scheduledAt = params.scheduled_at
  if (!token || !phone || !text || !scheduledAt) {
    return statusError(422, GATEWAY_MESSAGES.reminderRequired)
  }
  if (!((state.accounts.balance(token) ?? 0) > 0)) {
    return gatewayError(state.behaviour.httpStatusMirrorsBody, GATEWAY_MESSAGES.auth)
  }
  const to = checkGatewayPhone(phone)
  if (to === undefined) return statusError(422, INVALID_PHONE_MESSAGE)
  const at = readTime(state, scheduledAt)
  if (typeof at !== 'number') return at
  const now = state.clock.now()
  const record: ReminderRecord = {
    id: state.nextReminderId++,
    token,
    phoneNumber: phone,
    to,
    message: text,
    scheduledAt: at,
    status: 'scheduled',
    createdAt: now,
    updatedAt: now,
    messageId: undefined,
    version: 0,
  }
  state.reminders.set(record.id, record)
  plan(state, record)
  state.events.publish('reminder', () => viewReminder(record))
  return statusSuccess(GATEWAY_MESSAGES.reminderCreated, viewReminder(record))
}

/** The reminder `id` of `token`, or the refusal to answer with. */
function findReminder(
  state: SandboxState,
  params: Params,
  id: number,
): ReminderRecord | SandboxReply {
  const token = params.api_token
  if (!token || !state.accounts.has(token)) {
    return gatewayError(state.behaviour.httpStatusMirrorsBody, GATEWAY_MESSAGES.auth)
  }
  const record = state.reminders.get(id)
  if (record === undefined || record.token !== token) {
    return statusError(404, GATEWAY_MESSAGES.reminderNotFound)
  }
  return record
}

const isRecord = (found: ReminderRecord | SandboxReply): found is ReminderRecord =>
  'version' in found

/**
 * GET /api/v1/message-reminders/:id.
 *
 * @example
 * ```ts
 * reminderGetEndpoint(state, { api_token }, 1)
 * ```
 */
export function reminderGetEndpoint(state: SandboxState, params: Params, id: number): SandboxReply {
  const found = findReminder(state, params, id)
  if (!isRecord(found)) return found
  return statusSuccess(GATEWAY_MESSAGES.reminderFound, viewReminder(found))
}

/**
 * PATCH /api/v1/message-reminders/:id: any of `phone_number`, `message`, `scheduled_at`. A new
 * time puts the reminder back to `scheduled`.
 *
 * @example
 * ```ts
 * reminderUpdateEndpoint(state, { api_token, message: 'New text' }, 1)
 * ```
 */
export function reminderUpdateEndpoint(
  state: SandboxState,
  params: Params,
  id: number,
): SandboxReply {
  const found = findReminder(state, params, id)
  if (!isRecord(found)) return found
  let to: string | undefined
  if (params.phone_number) {
    to = checkGatewayPhone(params.phone_number)
    if (to === undefined) return statusError(422, INVALID_PHONE_MESSAGE)
  }
  let at: number | undefined
  if (params.scheduled_at) {
    const read = readTime(state, params.scheduled_at)
    if (typeof read !== 'number') return read
    at = read
  }
  if (to !== undefined) {
    found.to = to
    found.phoneNumber = params.phone_number!
  }
  if (params.message) found.message = params.message
  if (at !== undefined) {
    found.scheduledAt = at
    found.status = 'scheduled'
    found.messageId = undefined
    plan(state, found)
  }
  found.updatedAt = state.clock.now()
  state.events.publish('reminder', () => viewReminder(found))
  return statusSuccess(GATEWAY_MESSAGES.reminderUpdated, viewReminder(found))
}

/**
 * DELETE /api/v1/message-reminders/:id: answers with the deleted reminder.
 *
 * @example
 * ```ts
 * reminderDeleteEndpoint(state, { api_token }, 1)
 * ```
 */
export function reminderDeleteEndpoint(
  state: SandboxState,
  params: Params,
  id: number,
): SandboxReply {
  const found = findReminder(state, params, id)
  if (!isRecord(found)) return found
  state.reminders.delete(id)
  found.version++
  state.events.publish('reminder', () => ({ ...viewReminder(found), deleted: true }))
  return statusSuccess(GATEWAY_MESSAGES.reminderDeleted, viewReminder(found))
}
