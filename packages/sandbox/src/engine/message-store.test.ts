import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkMessageCap, createMessageStore } from './message-store.js'
import { createRandom } from './random.js'

interface Note {
  id: string
  text: string
}

const storeOf = (cap: number) => createMessageStore<Note>(cap, createRandom(5))
const keepText = (store: ReturnType<typeof storeOf>, text: string) =>
  store.keep((id) => ({ id, text }))
const texts = (store: ReturnType<typeof storeOf>, latest?: number) =>
  store.list(latest).map((note) => note.text)

describe('message store', () => {
  it('keeps the latest cap messages, oldest first, each found by its id', () => {
    const store = storeOf(3)
    const kept = ['a', 'b', 'c', 'd', 'e'].map((text) => keepText(store, text))
    expect(texts(store)).toEqual(['c', 'd', 'e'])
    expect(store.size).toBe(3)
    expect(texts(store, 2)).toEqual(['d', 'e'])
    for (const note of kept.slice(2)) expect(store.find(note.id)).toBe(note)
    // Dropped past the cap: neither found nor held.
    expect(store.find(kept[0]!.id)).toBeUndefined()
    expect(store.holds(kept[1]!)).toBe(false)
    expect(store.holds(kept[4]!)).toBe(true)
  })

  it('forgets everything on clear, and no old id finds a new message', () => {
    const store = storeOf(3)
    const before = ['a', 'b'].map((text) => keepText(store, text))
    store.clear()
    expect(store.size).toBe(0)
    expect(texts(store)).toEqual([])
    const after = ['c', 'd', 'e', 'f'].map((text) => keepText(store, text))
    expect(texts(store)).toEqual(['d', 'e', 'f'])
    for (const note of before) expect(store.find(note.id)).toBeUndefined()
    expect(new Set([...before, ...after].map((note) => note.id)).size).toBe(6)
  })

  it('finds nothing for an id it has not given yet, or text that is no id', () => {
    // Same seed, same ids: the second store's next id is the first store's second.
    const ahead = storeOf(10)
    keepText(ahead, 'a')
    const second = keepText(ahead, 'b')
    const store = storeOf(10)
    keepText(store, 'a')
    expect(store.find(second.id)).toBeUndefined()
    expect(store.find('not an id')).toBeUndefined()
    expect(keepText(store, 'b').id).toBe(second.id)
    expect(store.find(second.id)?.text).toBe('b')
  })

  it('keeps none with a cap of 0, and every one with Infinity', () => {
    const none = storeOf(0)
    const note = keepText(none, 'a')
    expect(note.id).toMatch(/^iSms-/)
    expect(none.size).toBe(0)
    expect(none.find(note.id)).toBeUndefined()
    const all = storeOf(Number.POSITIVE_INFINITY)
    for (let i = 0; i < 1000; i++) keepText(all, String(i))
    expect(all.size).toBe(1000)
    expect(texts(all, 2)).toEqual(['998', '999'])
  })

  it('refuses a cap that is not a whole number >= 0', () => {
    for (const cap of [-1, 1.5, Number.NaN, Number.NEGATIVE_INFINITY]) {
      expect(() => checkMessageCap(cap)).toThrow(RangeError)
      expect(() => storeOf(cap)).toThrow('maxMessages must be a whole number >= 0, or Infinity')
    }
  })

  it('agrees with a plain list kept by hand, through keeps, clears and lookups (property)', () => {
    const step = fc.oneof(
      { weight: 6, arbitrary: fc.constant({ kind: 'keep' as const }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
      {
        weight: 3,
        arbitrary: fc.nat({ max: 40 }).map((back) => ({ kind: 'find' as const, back })),
      },
    )
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6 }),
        fc.array(step, { maxLength: 120, size: 'large' }),
        (cap, steps) => {
          const store = storeOf(cap)
          let kept: Note[] = []
          const given: Note[] = []
          for (const s of steps) {
            if (s.kind === 'keep') {
              const note = keepText(store, String(given.length))
              given.push(note)
              kept = [...kept, note].slice(Math.max(0, kept.length + 1 - cap))
            } else if (s.kind === 'clear') {
              store.clear()
              kept = []
            } else {
              const note = given[given.length - 1 - s.back]
              if (note === undefined) continue
              expect(store.find(note.id)).toBe(kept.includes(note) ? note : undefined)
              expect(store.holds(note)).toBe(kept.includes(note))
            }
            expect(store.list()).toEqual(kept)
            expect(store.size).toBe(kept.length)
          }
        },
      ),
    )
  })
})
