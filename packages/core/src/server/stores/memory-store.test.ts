import { describe, expect, it } from 'vitest'
import { createMemoryStore } from './memory-store.js'

describe('createMemoryStore', () => {
  it('counts up within a window and keeps the first expiry', async () => {
    let now = 1_000
    const store = createMemoryStore({ now: () => now })
    expect(await store.increment('k', 500)).toEqual({ count: 1, resetAt: 1_500 })
    now = 1_200
    expect(await store.increment('k', 500)).toEqual({ count: 2, resetAt: 1_500 })
    expect(await store.get('k')).toEqual({ count: 2, resetAt: 1_500 })
  })

  it('starts over once the window has passed', async () => {
    let now = 0
    const store = createMemoryStore({ now: () => now })
    await store.increment('k', 100)
    await store.increment('k', 100)
    now = 100
    expect(await store.get('k')).toBeUndefined()
    expect(await store.increment('k', 100)).toEqual({ count: 1, resetAt: 200 })
  })

  it('forgets a deleted key', async () => {
    const store = createMemoryStore()
    await store.increment('k', 10_000)
    await store.delete('k')
    expect(await store.get('k')).toBeUndefined()
  })

  it('never holds more than maxEntries keys, evicting the least recently touched', async () => {
    const store = createMemoryStore({ maxEntries: 3 })
    for (const key of ['a', 'b', 'c']) await store.increment(key, 10_000)
    await store.increment('a', 10_000) // a is now the most recent
    await store.increment('d', 10_000)
    expect(await store.get('b')).toBeUndefined()
    expect(await store.get('a')).toMatchObject({ count: 2 })
    expect(await store.get('c')).toMatchObject({ count: 1 })
    expect(await store.get('d')).toMatchObject({ count: 1 })
  })

  it('hands out distinct counts to concurrent increments', async () => {
    const store = createMemoryStore()
    const counts = await Promise.all(Array.from({ length: 50 }, () => store.increment('k', 10_000)))
    expect(new Set(counts.map((state) => state.count)).size).toBe(50)
  })
})
