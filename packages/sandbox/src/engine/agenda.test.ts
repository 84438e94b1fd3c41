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
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 200, size: 'large' }),
        (times) => {
          const agenda = createAgenda()
          const ran: number[] = []
          for (const at of times) agenda.add(at, () => ran.push(at))
          agenda.runDue(1000)
          expect(ran).toEqual([...times].sort((a, b) => a - b))
          expect(agenda.size).toBe(0)
        },
      ),
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
      fc.property(fc.array(step, { maxLength: 300, size: 'large' }), (steps) => {
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

describe('agenda lanes', () => {
  it('run their subjects in time order among the tasks, ties in insertion order', () => {
    const agenda = createAgenda()
    const ran: string[] = []
    const statuses = agenda.lane((name: string) => ran.push(name))
    statuses.add(10, 's10')
    agenda.add(10, () => ran.push('t10'))
    statuses.add(20, 's20')
    agenda.add(5, () => ran.push('t5'))
    statuses.add(20, 's20b')
    expect(agenda.size).toBe(5)
    expect(agenda.nextAt()).toBe(5)
    agenda.runDue(15)
    expect(ran).toEqual(['t5', 's10', 't10'])
    agenda.runDue(20)
    expect(ran).toEqual(['t5', 's10', 't10', 's20', 's20b'])
    expect(agenda.size).toBe(0)
    expect(agenda.nextAt()).toBeUndefined()
  })

  it('take a subject due before the lane’s last as a task of its own, in its place', () => {
    const agenda = createAgenda()
    const ran: number[] = []
    const lane = agenda.lane((at: number) => ran.push(at))
    for (const at of [30, 40, 10, 35, 20]) lane.add(at, at)
    agenda.runDue(100)
    expect(ran).toEqual([10, 20, 30, 35, 40])
  })

  it('are emptied by clear and stay usable', () => {
    const agenda = createAgenda()
    const ran: number[] = []
    const lane = agenda.lane((at: number) => ran.push(at))
    lane.add(1, 1)
    lane.add(0, 0) // out of order: on the heap
    agenda.clear()
    expect(agenda.size).toBe(0)
    agenda.runDue(10)
    expect(ran).toEqual([])
    lane.add(5, 5)
    agenda.runDue(10)
    expect(ran).toEqual([5])
  })

  it('stay in order past their compaction, with subjects added while running', () => {
    const agenda = createAgenda()
    const ran: number[] = []
    const lane = agenda.lane((at: number) => {
      ran.push(at)
      if (at % 1000 === 0) lane.add(at + 0.5, at + 0.5) // a task that queues more work
    })
    for (let i = 0; i < 5000; i++) lane.add(i, i)
    for (let t = 0; t < 5000; t += 7) agenda.runDue(t)
    agenda.runDue(5000)
    const expected = Array.from({ length: 5000 }, (_, i) => i).flatMap((i) =>
      i % 1000 === 0 ? [i, i + 0.5] : [i],
    )
    expect(ran).toEqual(expected)
  })

  it('run everything in the order of one agenda of plain tasks, whatever the mix (property)', () => {
    const step = fc.oneof(
      fc.record({ task: fc.integer({ min: 0, max: 12 }) }),
      fc.record({ lane: fc.integer({ min: 0, max: 1 }), at: fc.integer({ min: 0, max: 12 }) }),
      fc.record({ run: fc.integer({ min: 0, max: 12 }) }),
      fc.constant({ clear: true as const }),
    )
    fc.assert(
      fc.property(fc.array(step, { maxLength: 300, size: 'large' }), (steps) => {
        const agenda = createAgenda()
        const reference = createAgenda()
        const ran: string[] = []
        const expected: string[] = []
        const lanes = [0, 1].map((n) => agenda.lane((id: number) => ran.push(`${n}:${id}`)))
        let id = 0
        for (const s of steps) {
          const mine = id++
          if ('task' in s) {
            agenda.add(s.task, () => ran.push(`t:${mine}`))
            reference.add(s.task, () => expected.push(`t:${mine}`))
          } else if ('lane' in s) {
            lanes[s.lane]!.add(s.at, mine)
            reference.add(s.at, () => expected.push(`${s.lane}:${mine}`))
          } else if ('run' in s) {
            agenda.runDue(s.run)
            reference.runDue(s.run)
          } else {
            agenda.clear()
            reference.clear()
          }
          expect(agenda.size).toBe(reference.size)
          expect(agenda.nextAt()).toBe(reference.nextAt())
        }
        expect(ran).toEqual(expected)
      }),
      // Few distinct times, so ties between lanes, tasks and the heap are common.
      { numRuns: 500 },
    )
  })
})
