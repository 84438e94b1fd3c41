// The embedded engine's own rules against a scripted client (what the gateway says is chosen
// per call). The contract suite in @iprog-sms/bullmq runs both engines against the real
// sandbox over HTTP, with faults.
import { describe, expect, it } from 'vitest'
import type { SendResult } from '../client/types.js'
import { IprogNetworkError, IprogTimeoutError, IprogValidationError } from '../errors.js'
import { createSmsQueue } from './embedded-queue.js'
import type { QueueClient } from './types.js'

type Answer = (to: string, call: number) => Promise<Partial<SendResult>>

function scriptedClient(answer: Answer) {
  let calls = 0
  let inFlight = 0
  let maxInFlight = 0
  const client = {
    messages: {
      async send(input: { to: string }) {
        calls++
        inFlight++
        maxInFlight = Math.max(maxInFlight, inFlight)
        try {
          const result = await answer(input.to, calls)
          return { messageId: `iSms-${calls}`, to: input.to, smsRate: 1, ...result }
        } finally {
          inFlight--
        }
      },
      async sendBulk(input: { to: string[] }) {
        calls++
        return {
          accepted: input.to.map((to, i) => ({ to, messageId: `iSms-${calls}-${i}`, smsRate: 1 })),
          rejected: [],
        }
      },
    },
  } as unknown as QueueClient
  return {
    client,
    get calls() {
      return calls
    },
    get maxInFlight() {
      return maxInFlight
    },
  }
}

const fast = { ratePerSecond: 1000, retry: { baseDelayMs: 1, maxDelayMs: 2 } }
const ok: Answer = async () => ({})

describe('embedded createSmsQueue', () => {
  it('sends a key once, however often it is enqueued', async () => {
    const gateway = scriptedClient(ok)
    const queue = createSmsQueue({ client: gateway.client, ...fast })
    expect(await queue.enqueue({ to: '09171234567', message: 'Hi', key: 'k1' })).toEqual({
      key: 'k1',
      duplicate: false,
    })
    expect(await queue.enqueue({ to: '09171234567', message: 'Hi', key: 'k1' })).toEqual({
      key: 'k1',
      duplicate: true,
    })
    await queue.drain()
    expect(gateway.calls).toBe(1)
    expect(await queue.outcome('k1')).toMatchObject({
      state: 'sent',
      attempts: 1,
      messageId: 'iSms-1',
    })
  })

  it('enqueues a repeated batch once, keyed by batch id and normalised number', async () => {
    const gateway = scriptedClient(ok)
    const queue = createSmsQueue({ client: gateway.client, ...fast })
    const to = ['09171234567', '+63 918 123 4567', 'not a number']
    const first = await queue.enqueueBulk({ to, message: 'Sale', batchId: 'b1' })
    const second = await queue.enqueueBulk({ to, message: 'Sale', batchId: 'b1' })
    expect(first).toMatchObject({ batchId: 'b1', accepted: 2, duplicates: 0 })
    expect(first.rejected).toEqual([
      { to: 'not a number', error: expect.objectContaining({ code: 'validation_error' }) },
    ])
    expect(second).toMatchObject({ accepted: 0, duplicates: 2 })
    await queue.drain()
    expect(gateway.calls).toBe(1)
    expect(await queue.batch('b1')).toEqual({
      batchId: 'b1',
      total: 2,
      queued: 0,
      sending: 0,
      sent: 2,
      failed: 0,
      unknown: 0,
    })
    expect(await queue.outcome('b1:639181234567')).toMatchObject({ state: 'sent', batchId: 'b1' })
  })

  it('retries a send that certainly never left, and never one that may have', async () => {
    const gateway = scriptedClient(async (to, call) => {
      if (to === '639171234567' && call === 1) throw new IprogNetworkError('refused', false)
      if (to === '639181234567') throw new IprogTimeoutError('slow', 10, true)
      return {}
    })
    const queue = createSmsQueue({ client: gateway.client, concurrency: 1, ...fast })
    await queue.enqueue({ to: '09171234567', message: 'Hi', key: 'refused-once' })
    await queue.enqueue({ to: '09181234567', message: 'Hi', key: 'timed-out' })
    await queue.drain()
    expect(await queue.outcome('refused-once')).toMatchObject({ state: 'sent', attempts: 2 })
    expect(await queue.outcome('timed-out')).toMatchObject({
      state: 'unknown',
      attempts: 1,
      error: { code: 'timeout_error', message: 'slow' },
    })
    expect(gateway.calls).toBe(3)
  })

  it('fails after the attempt limit, and resends on purpose with retry()', async () => {
    let refuse = true
    const gateway = scriptedClient(async () => {
      if (refuse) throw new IprogNetworkError('refused', false)
      return {}
    })
    const queue = createSmsQueue({
      client: gateway.client,
      ...fast,
      retry: { ...fast.retry, attempts: 3 },
    })
    await queue.enqueue({ to: '09171234567', message: 'Hi', key: 'k' })
    await queue.drain()
    expect(await queue.outcome('k')).toMatchObject({ state: 'failed', attempts: 3 })
    expect(await queue.retry('k')).toBe(true)
    refuse = false
    await queue.drain()
    expect(await queue.outcome('k')).toMatchObject({ state: 'sent', attempts: 4 })
    expect(await queue.retry('k')).toBe(false)
    expect(await queue.retry('no-such-key')).toBe(false)
  })

  it('keeps at most `concurrency` calls in flight', async () => {
    const gateway = scriptedClient(() => new Promise((resolve) => setTimeout(() => resolve({}), 5)))
    const queue = createSmsQueue({ client: gateway.client, concurrency: 3, ...fast })
    for (let i = 0; i < 12; i++) await queue.enqueue({ to: '09171234567', message: 'Hi' })
    await queue.drain()
    expect(gateway.calls).toBe(12)
    expect(gateway.maxInFlight).toBe(3)
  })

  it('forgets finished outcomes after retentionMs, and only then sends a key again', async () => {
    let time = Date.parse('2026-02-06T00:00:00Z')
    const gateway = scriptedClient(ok)
    const queue = createSmsQueue({
      client: gateway.client,
      ...fast,
      retentionMs: 60_000,
      now: () => time,
    })
    await queue.enqueue({ to: '09171234567', message: 'Hi', key: 'k' })
    await queue.drain()
    expect(await queue.outcome('k')).toMatchObject({ updatedAt: '2026-02-06T00:00:00.000Z' })
    time += 59_999
    expect((await queue.enqueue({ to: '09171234567', message: 'Hi', key: 'k' })).duplicate).toBe(
      true,
    )
    time += 1
    expect((await queue.enqueue({ to: '09171234567', message: 'Hi', key: 'k' })).duplicate).toBe(
      false,
    )
    await queue.drain()
    expect(gateway.calls).toBe(2)
  })

  it('refuses bad input and options with typed errors, and enqueue after close', async () => {
    const queue = createSmsQueue({ client: scriptedClient(ok).client, ...fast })
    await expect(queue.enqueue({ to: '123', message: 'Hi' })).rejects.toBeInstanceOf(
      IprogValidationError,
    )
    await expect(queue.enqueue({ to: '09171234567', message: ' ' })).rejects.toMatchObject({
      issues: [{ path: ['message'] }],
    })
    await expect(
      queue.enqueueBulk({ to: ['09171234567'], message: 'Hi', batchId: 'a b' }),
    ).rejects.toMatchObject({ issues: [{ path: ['batchId'] }] })
    expect(() => createSmsQueue({ client: scriptedClient(ok).client, concurrency: 0 })).toThrow(
      IprogValidationError,
    )
    await queue.close()
    await expect(queue.enqueue({ to: '09171234567', message: 'Hi' })).rejects.toMatchObject({
      code: 'queue_closed',
    })
  })
})
