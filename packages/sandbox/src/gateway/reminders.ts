/**
 * Scheduled messages at /api/v1/message-reminders. `scheduled_at` is read as Philippine time in
 * either documented form; at that moment of the sandbox clock the reminder is delivered into
 * the inbox like any message (and charged), and its status moves to `sent`.
 */
import { measureMessage } from '@iprog-sms/core'
import { isReply, type SandboxReply } from '../serve/wire.js'
import type { ReminderRecord, SandboxState } from '../state.js'
import { type CallerRule, checkCaller } from './caller.js'
import { chargeAndDeliver, type Outgoing } from './delivery.js'
import { formatManila, parseScheduledAt } from './manila-time.js'
import type { Params } from './params.js'
import { checkGatewayPhone, INVALID_PHONE_MESSAGE } from './phone.js'
import { GATEWAY_MESSAGES, statusError, statusSuccess } from './replies.js'

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
  const outgoing: Outgoing = {
    token: record.token,
    message: record.message,
    size: measureMessage(record.message),
    source: 'reminder',
  }
  const recipient = { phoneNumber: record.phoneNumber, to: record.to }
  const message = chargeAndDeliver(state, outgoing, [recipient])?.[0]
  record.messageId = message?.id
  record.status = message === undefined ? 'failed' : 'sent'
  record.updatedAt = state.clock.now()
  state.events.publish('reminder', () => viewReminder(record))
}

function plan(state: SandboxState, record: ReminderRecord): void {
  record.version++
  const version = record.version
  state.schedule(record.scheduledAt, () => fire(state, record, version))
}

/** Reads and checks `scheduled_at`: the time, or the refusal to reply with. */
function readTime(state: SandboxState, raw: string): number | SandboxReply {
  const at = parseScheduledAt(raw)
  if (at === undefined) return statusError(422, GATEWAY_MESSAGES.reminderFormat)
  if (at <= state.clock.now()) return statusError(422, GATEWAY_MESSAGES.reminderPast)
  return at
}

const CREATE_RULE: CallerRule = {
  required: ['api_token', 'phone_number', 'message', 'scheduled_at'],
  missing: () => statusError(422, GATEWAY_MESSAGES.reminderRequired),
  token: 'spend',
}
// A drained account still reads, changes and deletes its reminders.
const FIND_RULE: CallerRule = { required: [], token: 'read' }

/**
 * POST /api/v1/message-reminders: schedules a message.
 *
 * @example
 * ```ts
 * reminderCreateEndpoint(state, { api_token, phone_number: '09171251234', message: 'Bill', scheduled_at: '2030-03-08 05:00AM' })
 * ```
 */
export function reminderCreateEndpoint(state: SandboxState, params: Params): SandboxReply {
  const token = checkCaller(state, params, CREATE_RULE)
  if (typeof token !== 'string') return token
  const phone = params.phone_number!
  const text = params.message!
  const to = checkGatewayPhone(phone)
  if (to === undefined) return statusError(422, INVALID_PHONE_MESSAGE)
  const at = readTime(state, params.scheduled_at!)
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

/** The reminder `id` of the caller's token, or the refusal to reply with. */
function findReminder(
  state: SandboxState,
  params: Params,
  id: number,
): ReminderRecord | SandboxReply {
  const token = checkCaller(state, params, FIND_RULE)
  if (typeof token !== 'string') return token
  const record = state.reminders.get(id)
  if (record === undefined || record.token !== token) {
    return statusError(404, GATEWAY_MESSAGES.reminderNotFound)
  }
  return record
}

type ReminderAction = (state: SandboxState, params: Params, found: ReminderRecord) => SandboxReply

const getReminder: ReminderAction = (_state, _params, found) =>
  statusSuccess(GATEWAY_MESSAGES.reminderFound, viewReminder(found))

// Any of `phone_number`, `message`, `scheduled_at`; a new time puts it back to `scheduled`.
const updateReminder: ReminderAction = (state, params, found) => {
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

// Replies with the reminder as it was.
const deleteReminder: ReminderAction = (state, _params, found) => {
  state.reminders.delete(found.id)
  found.version++
  state.events.publish('reminder', () => ({ ...viewReminder(found), deleted: true }))
  return statusSuccess(GATEWAY_MESSAGES.reminderDeleted, viewReminder(found))
}

function actionFor(method: string): ReminderAction | undefined {
  switch (method) {
    case 'GET':
      return getReminder
    case 'PATCH':
    case 'PUT':
      return updateReminder
    case 'DELETE':
      return deleteReminder
    default:
      return undefined
  }
}

/**
 * GET, PATCH (or PUT) and DELETE /api/v1/message-reminders/:id: reads, changes or deletes a
 * reminder of the caller's token. `undefined` for another method: the route does not exist.
 *
 * @example
 * ```ts
 * reminderByIdEndpoint(state, 'PATCH', { api_token, message: 'New text' }, 1)
 * ```
 */
export function reminderByIdEndpoint(
  state: SandboxState,
  method: string,
  params: Params,
  id: number,
): SandboxReply | undefined {
  const action = actionFor(method)
  if (action === undefined) return undefined
  const found = findReminder(state, params, id)
  return isReply(found) ? found : action(state, params, found)
}
