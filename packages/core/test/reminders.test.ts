import { describe, expect, it } from 'vitest'
import { createClient } from '../src/client/create-client.js'
import { IprogApiError, IprogValidationError } from '../src/errors.js'
import { reminderData, success, TOKEN } from './gateway-bodies.js'
import { useRecordingServer } from './recording-server.js'

const gw = useRecordingServer()

const NOW = Date.parse('2030-03-01T00:00:00Z')
const client = () =>
  createClient({ apiToken: TOKEN, baseUrl: gw.url, retry: false, now: () => NOW })
const sentBody = () => JSON.parse(gw.requests[0]?.body ?? '')

describe('reminders.create', () => {
  it('posts the time in Manila local time and parses the reminder back', async () => {
    gw.script({ body: success(reminderData(), 'Reminder created.') })
    const reminder = await client().reminders.create({
      to: '+63 917 125 1234',
      message: 'Internet Bill.',
      scheduledAt: new Date('2030-03-07T21:00:00Z'),
    })
    expect(gw.requests[0]).toMatchObject({ method: 'POST', path: '/api/v1/message-reminders' })
    expect(sentBody()).toEqual({
      api_token: TOKEN,
      phone_number: '639171251234',
      message: 'Internet Bill.',
      scheduled_at: '2030-03-08T05:00',
    })
    expect(reminder).toMatchObject({
      id: 7,
      to: '639171251234',
      message: 'Internet Bill.',
      scheduledAt: new Date('2030-03-07T21:00:00.000Z'),
      status: 'scheduled',
      createdAt: new Date('2030-03-07T08:11:38.937Z'),
    })
  })

  it('takes an ISO string with any offset', async () => {
    gw.script({ body: success(reminderData()) })
    await client().reminders.create({
      to: '09171251234',
      message: 'Hi',
      scheduledAt: '2030-03-08T00:30:00-05:00',
    })
    expect(sentBody().scheduled_at).toBe('2030-03-08T13:30')
  })

  it('reads the documentation’s 12-hour scheduled_at form back as Manila time', async () => {
    gw.script({ body: success(reminderData({ scheduled_at: '2030-03-08 05:00PM' })) })
    const reminder = await client().reminders.get(7)
    expect(reminder.scheduledAt).toEqual(new Date('2030-03-08T09:00:00.000Z'))
  })

  it('refuses a past time, a time without offset and a bad number, sending nothing', async () => {
    const past = await client()
      .reminders.create({ to: '09171251234', message: 'Hi', scheduledAt: new Date(NOW - 1) })
      .catch((e) => e)
    expect(past).toBeInstanceOf(IprogValidationError)
    expect(past.message).toMatch(/in the past/)
    const noOffset = await client()
      .reminders.create({ to: '12', message: 'Hi', scheduledAt: '2030-03-08T05:00' })
      .catch((e) => e)
    expect(noOffset.issues.map((i: { path: string[] }) => i.path[0])).toEqual(['to', 'scheduledAt'])
    expect(noOffset.message).toMatch(/offset/)
    expect(gw.requests).toHaveLength(0)
  })
})

describe('reminders.get / update / delete', () => {
  it('GETs and DELETEs by id with the token in the query', async () => {
    gw.script({ body: success(reminderData()) })
    await client().reminders.get(7)
    await client().reminders.delete(7)
    expect(gw.requests.map((r) => [r.method, r.path, r.query])).toEqual([
      ['GET', '/api/v1/message-reminders/7', { api_token: TOKEN }],
      ['DELETE', '/api/v1/message-reminders/7', { api_token: TOKEN }],
    ])
  })

  it('PATCHes only the fields given, as JSON', async () => {
    gw.script({ body: success(reminderData({ message: 'Updated' })) })
    const reminder = await client().reminders.update(7, { message: 'Updated' })
    expect(gw.requests[0]).toMatchObject({ method: 'PATCH', path: '/api/v1/message-reminders/7' })
    expect(gw.requests[0]?.headers['content-type']).toBe('application/json')
    expect(sentBody()).toEqual({ api_token: TOKEN, message: 'Updated' })
    expect(reminder.message).toBe('Updated')
  })

  it('refuses an empty patch and an id that is not a positive integer', async () => {
    await expect(client().reminders.update(7, {})).rejects.toBeInstanceOf(IprogValidationError)
    for (const id of [0, -1, 1.5, Number.NaN, '7' as unknown as number]) {
      await expect(client().reminders.get(id)).rejects.toBeInstanceOf(IprogValidationError)
    }
    expect(gw.requests).toHaveLength(0)
  })

  it('turns a not-found answer into IprogApiError with the gateway message', async () => {
    gw.script({ status: 404, body: { status: 'error', message: 'Reminder not found.' } })
    const error = await client()
      .reminders.get(99)
      .catch((e) => e)
    expect(error).toBeInstanceOf(IprogApiError)
    expect(error).toMatchObject({
      code: 'not_found',
      httpStatus: 404,
      gatewayMessage: 'Reminder not found.',
    })
  })

  it('refuses a time the gateway cannot write (year 10000 on, an invalid Date) as bad input', async () => {
    const times = [
      new Date('+010000-01-01T00:00:00Z'),
      new Date(8.64e15),
      new Date(Number.NaN),
      '9999-12-31T20:00:00-08:00',
    ]
    for (const scheduledAt of times) {
      const error = await client()
        .reminders.create({ to: '09171234567', message: 'Hi', scheduledAt })
        .catch((e) => e)
      expect(error, String(scheduledAt)).toBeInstanceOf(IprogValidationError)
      expect(error.issues[0].path).toEqual(['scheduledAt'])
      const patched = await client()
        .reminders.update(7, { scheduledAt })
        .catch((e) => e)
      expect(patched).toBeInstanceOf(IprogValidationError)
    }
    // The last Manila minute of year 9999 is still writable.
    gw.script({ body: success(reminderData()) })
    await client().reminders.create({
      to: '09171234567',
      message: 'Hi',
      scheduledAt: '9999-12-31T23:59+08:00',
    })
    expect(JSON.parse(gw.requests[0]?.body ?? '').scheduled_at).toBe('9999-12-31T23:59')
  })
})
