/**
 * Scenario data shared by every adapter, REST or not: inputs that must succeed, inputs that must
 * fail validation with exactly these field paths, and the numbers the OTP checks use (one per
 * check, so the per-number limits of one check never touch another).
 */
import type { OperationName } from '@iprog-sms/core/server'

/** The `x-api-key` the conformance apps' `authorize` accepts. */
export const CONFORMANCE_KEY = 'conformance-key'
export const AUTHORIZED = { 'x-api-key': CONFORMANCE_KEY }

/** Bulk cap configured in the conformance apps. */
export const MAX_BULK = 3

/** Distinct numbers, each used by one check. */
export const PHONES = {
  send: '0917 100 0001',
  bulk: ['+63 917 100 0002', '09171000003'],
  reminder: '09171000004',
  otpHappy: '09171000005',
  otpAttempts: '09171000006',
  otpWrong: '09171000007',
  otpNeverSent: '09171000008',
  otpCooldown: '09171000009',
  fault: '09171000010',
  otpText: '09171000017',
  capsPhone: '09171000011',
  bulkPartial: '09171000018',
  otpDaily: '09171000019',
  capsIp: ['09171000012', '09171000013', '09171000014', '09171000015', '09171000016'],
} as const

/** `639…` form of a number, as the sandbox reports recipients. */
export const normalised = (phone: string) => `63${phone.replace(/\D/g, '').slice(-10)}`

/** One input that must be refused with 400, listing exactly these paths. */
export interface InvalidCase {
  title: string
  operation: OperationName
  input: Record<string, unknown>
  /** Expected `errors[].path` in order; omitted when the client, not the schema, refuses it. */
  paths?: (string | number)[][]
  /** Expected `errors[].code` in order, where the code is core's own (as the client says it). */
  codes?: string[]
}

export const INVALID_CASES: InvalidCase[] = [
  {
    title: 'a send with a bad number and an empty message',
    operation: 'messages.send',
    input: { to: '12345', message: '' },
    paths: [['to'], ['message']],
  },
  {
    title: 'a send with no fields',
    operation: 'messages.send',
    input: {},
    paths: [['to'], ['message']],
  },
  {
    title: 'a bulk send with no recipients and a non-text message',
    operation: 'messages.sendBulk',
    input: { to: [], message: 42 },
    paths: [['to'], ['message']],
  },
  {
    title: 'a bulk send over the recipient cap',
    operation: 'messages.sendBulk',
    input: { to: ['09171234561', '09171234562', '09171234563', '09171234564'], message: 'hi' },
    paths: [['to']],
  },
  {
    title: 'an OTP send to a foreign number',
    operation: 'otp.send',
    input: { to: '+1 415 555 2671' },
    paths: [['to']],
    codes: ['phone_country'],
  },
  {
    title: 'an OTP verify with a code that is not digits',
    operation: 'otp.verify',
    input: { to: '09171234567', code: '12ab' },
    paths: [['code']],
  },
  {
    title: 'a reminder with every field wrong',
    operation: 'reminders.create',
    input: { to: '0917', message: '', scheduledAt: 'tomorrow' },
    paths: [['to'], ['message'], ['scheduledAt']],
  },
  {
    title: 'a reminder in the past (refused by the client before any call)',
    operation: 'reminders.create',
    input: { to: '09171234567', message: 'late', scheduledAt: '2020-01-01T09:00:00+08:00' },
  },
  {
    title: 'a reminder id that is not a number',
    operation: 'reminders.get',
    input: { id: 'abc' },
    paths: [['id']],
  },
  {
    title: 'a reminder change with nothing to change',
    operation: 'reminders.update',
    input: { id: 1 },
    paths: [[]],
  },
  {
    title: 'a reminder change with a bad id and a bad time',
    operation: 'reminders.update',
    input: { id: 'x', scheduledAt: 'soon' },
    paths: [['id'], ['scheduledAt']],
  },
  {
    title: 'a reminder delete with id 0',
    operation: 'reminders.delete',
    input: { id: 0 },
    paths: [['id']],
  },
  {
    title: 'a segments request longer than the longest SMS (10 parts)',
    operation: 'segments',
    input: { text: 'x'.repeat(10 * 153 + 1) },
    paths: [['text']],
    codes: ['too_big'],
  },
  {
    title: 'a segments request whose text is not text',
    operation: 'segments',
    input: { text: 5 },
    paths: [['text']],
  },
]

/** Operations that must be refused without the key, with an input that is otherwise valid. */
export const GUARDED_CALLS: { operation: OperationName; input: Record<string, unknown> }[] = [
  { operation: 'messages.send', input: { to: PHONES.send, message: 'not allowed' } },
  { operation: 'messages.sendBulk', input: { to: [PHONES.send], message: 'not allowed' } },
  { operation: 'messages.status', input: { id: 'iSms-00000' } },
  { operation: 'account.credits', input: {} },
  {
    operation: 'reminders.create',
    input: { to: PHONES.send, message: 'not allowed', scheduledAt: '2099-01-01T09:00:00+08:00' },
  },
  { operation: 'reminders.get', input: { id: 1 } },
  { operation: 'reminders.update', input: { id: 1, message: 'not allowed' } },
  { operation: 'reminders.delete', input: { id: 1 } },
]
