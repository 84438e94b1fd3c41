import { describe, expect, it } from 'vitest'
import { call, make, TOKEN } from '../../test/gateway-calls.js'
import type { Sandbox } from '../sandbox.js'

describe('reminders', () => {
  const create = (sandbox: Sandbox, scheduledAt: string, extra: Record<string, unknown> = {}) =>
    call(sandbox, 'POST', '/api/v1/message-reminders', {
      api_token: TOKEN,
      phone_number: '09171251234',
      message: 'Internet Bill.',
      scheduled_at: scheduledAt,
      ...extra,
    })

  it('reads both documented time forms as Manila time', async () => {
    const sandbox = make()
    const twelve = await create(sandbox, '2026-02-07 05:00AM')
    const twentyFour = await create(sandbox, '2026-02-07T17:30')
    expect(twelve.body).toMatchObject({
      status: 'success',
      data: {
        id: 1,
        phone_number: '09171251234',
        message: 'Internet Bill.',
        scheduled_at: '2026-02-07T05:00:00.000+08:00',
        status: 'scheduled',
        created_at: '2026-02-06T10:00:00.000+08:00',
      },
    })
    expect(twentyFour.body.data).toMatchObject({
      id: 2,
      scheduled_at: '2026-02-07T17:30:00.000+08:00',
    })
  })

  it('gets, updates and deletes a reminder, then answers 404', async () => {
    const sandbox = make()
    const id = (await create(sandbox, '2026-02-07T08:00')).body.data.id
    const path = `/api/v1/message-reminders/${id}`
    expect((await call(sandbox, 'GET', path, { api_token: TOKEN })).body.data.id).toBe(id)
    const updated = await call(sandbox, 'PATCH', path, {
      api_token: TOKEN,
      message: 'Paid?',
      scheduled_at: '2026-02-08T09:15',
    })
    expect(updated.body.data).toMatchObject({
      message: 'Paid?',
      scheduled_at: '2026-02-08T09:15:00.000+08:00',
    })
    const deleted = await call(sandbox, 'DELETE', path, { api_token: TOKEN })
    expect(deleted.body).toMatchObject({ status: 'success', data: { id, message: 'Paid?' } })
    const missing = await call(sandbox, 'GET', path, { api_token: TOKEN })
    expect(missing.http).toBe(404)
    expect(missing.body.status).toBe('error')
  })

  it('refuses a time in the past with HTTP 422', async () => {
    const { http, body } = await create(make(), '2026-02-06T09:59')
    expect(http).toBe(422)
    expect(body.status).toBe('error')
  })

  it('delivers into the inbox at its time on the sandbox clock, charged, and is then sent', async () => {
    const sandbox = make()
    const id = (await create(sandbox, '2026-02-06T10:30')).body.data.id
    sandbox.clock.advance(29 * 60_000)
    expect(sandbox.messages()).toEqual([])
    sandbox.clock.advance(60_000)
    expect(sandbox.messages()).toMatchObject([
      { source: 'reminder', to: '639171251234', message: 'Internet Bill.' },
    ])
    expect(sandbox.reminders()).toMatchObject([{ id, status: 'sent' }])
    expect(sandbox.balances()[TOKEN]).toBe(19)
  })

  it('never fires a deleted reminder, and fires a moved one at its new time', async () => {
    const sandbox = make()
    const a = (await create(sandbox, '2026-02-06T10:10')).body.data.id
    const b = (await create(sandbox, '2026-02-06T10:10', { message: 'moved' })).body.data.id
    await call(sandbox, 'DELETE', `/api/v1/message-reminders/${a}`, { api_token: TOKEN })
    await call(sandbox, 'PATCH', `/api/v1/message-reminders/${b}`, {
      api_token: TOKEN,
      scheduled_at: '2026-02-06T11:00',
    })
    sandbox.clock.advance(30 * 60_000)
    expect(sandbox.messages()).toEqual([])
    sandbox.clock.set('2026-02-06T11:00:00+08:00')
    expect(sandbox.messages().map((m) => m.message)).toEqual(['moved'])
  })
})
