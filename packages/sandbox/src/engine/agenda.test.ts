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
