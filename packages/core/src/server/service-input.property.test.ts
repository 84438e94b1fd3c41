import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { SmsClient } from '../client/types.js'
import { IprogValidationError, isIprogError } from '../errors.js'
import type { OperationName } from './operations.js'
import { createSmsService } from './service.js'

// A fake client, not the real one against the sandbox: the subject is the service's input
// validation, and the property is "nothing reaches the client for bad input". The fake records
// every call (which the real client cannot tell us) and answers at once, so hundreds of random
// inputs run in well under a second; the real client has its own input checks, which would
// otherwise hide a schema that let bad input through.
function recordingClient() {
  const calls: string[] = []
  const answer =
    <T>(name: string, result: T) =>
    async (..._args: unknown[]): Promise<T> => {
      calls.push(name)
      return result
    }
  const reminder = {
    id: 1,
    to: '639171234567',
    message: 'Hi',
    scheduledAt: new Date('2030-01-01T00:00:00Z'),
    status: 'scheduled',
    createdAt: undefined,
    updatedAt: undefined,
    raw: {},
  }
  const client = {
    messages: {
      send: answer('messages.send', { messageId: 'iSms-1', to: '639171234567', message: 'Hi' }),
      sendBulk: answer('messages.sendBulk', { accepted: [], rejected: [] }),
      status: answer('messages.status', { messageId: 'iSms-1', status: 'pending' }),
    },
    account: { credits: answer('account.credits', { balance: 10 }) },
    otp: {
      send: answer('otp.send', {
        to: '639171234567',
        code: '123456',
        expiresAt: undefined,
        message: 'Your code is 123456',
        raw: {},
      }),
      verify: answer('otp.verify', { verified: true, message: '', raw: {} }),
    },
    reminders: {
      create: answer('reminders.create', reminder),
      get: answer('reminders.get', reminder),
      update: answer('reminders.update', reminder),
      delete: answer('reminders.delete', reminder),
    },
  }
  return { client: client as unknown as SmsClient, calls }
}

const silent = { warn: () => undefined, error: () => undefined }
const names = createSmsService({
  client: recordingClient().client,
  authorize: () => true,
  logger: silent,
}).operations.map((op) => op.name)

const anything = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withTypedArray: true,
  withSparseArray: true,
  withUnicodeString: true,
})

// Values that are sometimes right for some field, so random objects also get past validation
// and the "valid input reaches the client" side of the property is exercised too.
const fieldValue = fc.oneof(
  fc.constantFrom(
    '09171234567',
    '+63 917 123 4567',
    '0917-123-4567',
    '+1 415 555 2671',
    'Hello po',
    '',
    '  ',
    '1234',
    '123456',
    '12',
    12,
    0,
    -3,
    1.5,
    1,
    2,
    true,
    null,
    Number.NaN,
    '2030-01-31T09:00:00+08:00',
    '2030-01-31T09:00:00',
    ['09171234567', '09181234567'],
    [],
    Symbol('x'),
    10n,
  ),
  fc.string(),
  anything,
)
const fieldName = fc.constantFrom(
  'to',
  'message',
  'smsProvider',
  'senderName',
  'id',
  'code',
  'scheduledAt',
  'text',
  'smartEncoding',
  '__proto__',
  'constructor',
)
const inputArb = fc.oneof(
  anything,
  fc.dictionary(fieldName, fieldValue, { maxKeys: 6 }),
  fc
    .dictionary(fieldName, fieldValue, { maxKeys: 6 })
    .map((fields) => Object.assign(Object.create(null) as object, fields)),
)

describe('service input validation (properties)', () => {
  it('resolves, or rejects with an IprogError; bad input is a validation error and sends nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), inputArb, async (name: OperationName, input) => {
        const { client, calls } = recordingClient()
        const service = createSmsService({ client, authorize: () => true, logger: silent })
        let failure: unknown
        let failed = false
        await service.invoke(name, { input, ip: '203.0.113.7' }).catch((error: unknown) => {
          failed = true
          failure = error
        })
        if (!failed) return
        // A TypeError or any non-Iprog error here would be a 500 for what is the caller's mistake.
        expect(isIprogError(failure)).toBe(true)
        if (!isIprogError(failure) || failure.code !== 'validation_error') return
        expect(failure).toBeInstanceOf(IprogValidationError)
        const { issues } = failure as IprogValidationError
        expect(issues.length).toBeGreaterThan(0)
        for (const issue of issues) {
          expect(Array.isArray(issue.path)).toBe(true)
          for (const key of issue.path) expect(['string', 'number']).toContain(typeof key)
          expect(typeof issue.message).toBe('string')
          expect(issue.message.trim()).not.toBe('')
        }
        expect(calls).toEqual([])
      }),
      { numRuns: 600 },
    )
  })

  it('lets a valid input of every operation through to exactly one client call', async () => {
    // batches.* exist only with a queue: the queue's route tests cover them.
    const valid: Record<Exclude<OperationName, `batches.${string}`>, unknown> = {
      'messages.send': { to: '0917 123 4567', message: 'Hi' },
      'messages.sendBulk': { to: ['09171234567'], message: 'Hi' },
      'messages.status': { id: 'iSms-1' },
      'account.credits': {},
      'otp.send': { to: '+63 917 123 4567' },
      'otp.verify': { to: '09171234567', code: '123456' },
      'reminders.create': {
        to: '09171234567',
        message: 'Hi',
        scheduledAt: '2030-01-31T09:00:00+08:00',
      },
      'reminders.get': { id: '12' },
      'reminders.update': { id: 12, message: 'Later' },
      'reminders.delete': { id: 12 },
      segments: { text: 'Hi' },
    }
    expect(Object.keys(valid).sort()).toEqual([...names].sort())
    for (const name of names) {
      const { client, calls } = recordingClient()
      const service = createSmsService({ client, authorize: () => true, logger: silent })
      await service.invoke(name, { input: valid[name as keyof typeof valid], ip: '203.0.113.7' })
      expect(calls).toEqual(name === 'segments' ? [] : [name])
    }
  })
})
