import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createAgenda } from './agenda.js'

describe('agenda', () => {
  it('runs only what is due, earliest first, ties in insertion order', () => {
    const agenda = createAgenda()
    const ran: string[] = []
    agenda.add(30, () => ran.push('c'))
    agenda.add(10, () => ran.push('a1'))
    agenda.add(10, () => ran.push('a2'))
    agenda.add(20, () => ran.push('b'))
    agenda.runDue(20)
    expect(ran).toEqual(['a1', 'a2', 'b'])
    expect(agenda.nextAt()).toBe(30)
  })

  it('runs tasks in time order whatever the insertion order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 200 }), (times) => {
        const agenda = createAgenda()
        const ran: number[] = []
        for (const at of times) agenda.add(at, () => ran.push(at))
        agenda.runDue(1000)
        expect(ran).toEqual([...times].sort((a, b) => a - b))
        expect(agenda.size).toBe(0)
      }),
    )
  })
})

describe('agenda, queue and heap together', () => {
  it('runs tasks by time then insertion, with adds and partial runs interleaved (property)', () => {
    const step = fc.oneof(
      fc.record({ add: fc.integer({ min: 0, max: 50 }) }),
      fc.record({ run: fc.integer({ min: 0, max: 50 }) }),
    )
    fc.assert(
      fc.property(fc.array(step, { maxLength: 300 }), (steps) => {
        const agenda = createAgenda()
        const ran: number[] = []
        // The reference: every pending task, kept sorted by time, then by insertion.
        let pending: { at: number; id: number }[] = []
        const expected: number[] = []
        let id = 0
        for (const s of steps) {
          if ('add' in s) {
            const mine = id++
            agenda.add(s.add, () => ran.push(mine))
            pending.push({ at: s.add, id: mine })
          } else {
            agenda.runDue(s.run)
            const due = pending
              .filter((p) => p.at <= s.run)
              .sort((a, b) => a.at - b.at || a.id - b.id)
            expected.push(...due.map((p) => p.id))
            pending = pending.filter((p) => p.at > s.run)
          }
          expect(agenda.size).toBe(pending.length)
          expect(agenda.nextAt()).toBe(
            pending.length === 0 ? undefined : Math.min(...pending.map((p) => p.at)),
          )
        }
        expect(ran).toEqual(expected)
      }),
    )
  })

  it('stays in order past the queue compaction', () => {
    const agenda = createAgenda()
    const ran: number[] = []
    for (let i = 0; i < 5000; i++) agenda.add(i, () => ran.push(i))
    for (let t = 0; t < 5000; t += 7) agenda.runDue(t)
    agenda.add(2, () => ran.push(-1)) // earlier than everything queued: the heap
    agenda.runDue(5000)
    // 0…4998 ran by t = 4998; the late-added task is due first, then 4999.
    expect(ran).toEqual([...Array.from({ length: 4999 }, (_, i) => i), -1, 4999])
  })
})
