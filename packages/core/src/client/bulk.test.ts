import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { mapBulkReply, planBulk, runPool } from './bulk.js'

describe('planBulk', () => {
  it('de-duplicates after normalisation and keeps first-seen order', () => {
    const plan = planBulk(['0917 123 4567', '+639171234567', '9181234567', '639171234567'], 500)
    expect(plan.chunks).toEqual([['639171234567', '639181234567']])
    expect(plan.rejected).toEqual([])
  })

  it('sets invalid entries aside as given, with the reason', () => {
    const plan = planBulk(['0917', 12 as unknown as string], 500)
    expect(plan.chunks).toEqual([])
    expect(plan.rejected.map((r) => [r.to, r.error.code])).toEqual([
      ['0917', 'validation_error'],
      ['12', 'validation_error'],
    ])
  })

  it('splits into chunks no larger than chunkSize that cover every recipient once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 25 }), (n, size) => {
        const phones = Array.from({ length: n }, (_, i) => `0917${String(i).padStart(7, '0')}`)
        const { chunks } = planBulk(phones, size)
        expect(chunks.every((c) => c.length > 0 && c.length <= size)).toBe(true)
        expect(chunks.flat()).toEqual(phones.map((p) => `63${p.slice(1)}`))
      }),
    )
  })
})

describe('mapBulkReply', () => {
  const chunk = ['639170000001', '639170000002']

  it('maps comma-separated ids and rates to recipients in order', () => {
    expect(
      mapBulkReply(chunk, { status: 200, message_ids: 'iSms-a, iSms-b', sms_rates: '1,2' }),
    ).toEqual({
      accepted: [
        { to: '639170000001', messageId: 'iSms-a', smsRate: 1 },
        { to: '639170000002', messageId: 'iSms-b', smsRate: 2 },
      ],
      rejected: [],
    })
  })

  it('rejects the whole chunk as bulk_mismatch when counts differ or ids are missing', () => {
    for (const body of [
      { status: 200, message_ids: 'iSms-a' },
      { status: 200, message_ids: 'iSms-a,iSms-b,iSms-c' },
      { status: 200, message_ids: 'iSms-a,iSms-b', sms_rates: '1' },
      { status: 200 },
    ]) {
      const mapped = mapBulkReply(chunk, body)
      expect(mapped.accepted).toEqual([])
      expect(mapped.rejected.map((r) => r.error)).toEqual([
        expect.objectContaining({ code: 'bulk_mismatch', maybeDelivered: true }),
        expect.objectContaining({ code: 'bulk_mismatch', maybeDelivered: true }),
      ])
    }
  })
})

describe('runPool', () => {
  it('runs every task with bounded concurrency', async () => {
    let running = 0
    let peak = 0
    const done: number[] = []
    const skipped = await runPool(
      10,
      3,
      async (i) => {
        running++
        peak = Math.max(peak, running)
        await new Promise((r) => setTimeout(r, 1))
        done.push(i)
        running--
      },
      () => false,
    )
    expect(peak).toBe(3)
    expect(done.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(skipped).toEqual([])
  })

  it('starts nothing new once stop() says so and lists what never started', async () => {
    const started: number[] = []
    const skipped = await runPool(
      5,
      1,
      async (i) => {
        started.push(i)
      },
      () => started.length >= 2,
    )
    expect(started).toEqual([0, 1])
    expect(skipped).toEqual([2, 3, 4])
  })
})
