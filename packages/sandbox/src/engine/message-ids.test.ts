import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createMessageIds, ID_COUNT } from './message-ids.js'
import { createRandom } from './random.js'

const sequences = fc.integer({ min: 0, max: ID_COUNT - 1 })

describe('message ids', () => {
  it('look like the gateway ids and give back the sequence number they were made from (property)', () => {
    fc.assert(
      fc.property(fc.integer(), sequences, (seed, sequence) => {
        const ids = createMessageIds(createRandom(seed))
        const id = ids.idOf(sequence)
        expect(id).toMatch(/^iSms-[A-Za-z0-9]{6}$/)
        expect(ids.sequenceOf(id)).toBe(sequence)
      }),
      { numRuns: 2_000 },
    )
  })

  it('never give two sequence numbers the same id (property)', () => {
    fc.assert(
      fc.property(fc.integer(), sequences, sequences, (seed, a, b) => {
        fc.pre(a !== b)
        const ids = createMessageIds(createRandom(seed))
        expect(ids.idOf(a)).not.toBe(ids.idOf(b))
      }),
      { numRuns: 2_000 },
    )
  })

  it('are distinct over a run of consecutive numbers, with no digit left unchanged from one to the next', () => {
    const ids = createMessageIds(createRandom(7))
    const run = Array.from({ length: 20_000 }, (_, i) => ids.idOf(i))
    expect(new Set(run).size).toBe(run.length)
    // Every character position varies across a short run: consecutive ids look unrelated.
    for (let position = 5; position < 11; position++) {
      expect(new Set(run.slice(0, 62).map((id) => id[position])).size).toBeGreaterThan(20)
    }
  })

  it('repeat for the same seed and differ for another', () => {
    const first = createMessageIds(createRandom(42))
    const again = createMessageIds(createRandom(42))
    const other = createMessageIds(createRandom(43))
    const some = (ids: ReturnType<typeof createMessageIds>) =>
      Array.from({ length: 50 }, (_, i) => ids.idOf(i))
    expect(some(again)).toEqual(some(first))
    expect(some(other)).not.toEqual(some(first))
  })

  it('wrap around after ID_COUNT numbers', () => {
    const ids = createMessageIds(createRandom(3))
    expect(ids.idOf(ID_COUNT + 5)).toBe(ids.idOf(5))
    expect(ids.sequenceOf(ids.idOf(ID_COUNT + 5))).toBe(5)
  })

  it('read any other text as no id (property)', () => {
    const ids = createMessageIds(createRandom(11))
    fc.assert(
      fc.property(fc.string({ maxLength: 14 }), (text) => {
        fc.pre(!/^iSms-[A-Za-z0-9]{6}$/.test(text))
        expect(ids.sequenceOf(text)).toBeUndefined()
      }),
    )
    for (const text of [
      '',
      'iSms-',
      'iSms-abc12',
      'iSms-abc1234',
      'isms-abc123',
      'iSms-abc12!',
      'iSms-abc12é',
    ]) {
      expect(ids.sequenceOf(text)).toBeUndefined()
    }
  })
})
