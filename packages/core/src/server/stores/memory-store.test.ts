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

  it('never drops a live counter to make room: a full store refuses new keys', async () => {
    let now = 0
    const store = createMemoryStore({ maxEntries: 3, now: () => now })
    for (const key of ['a', 'b', 'c']) await store.increment(key, 10_000)
    await expect(store.increment('d', 10_000)).rejects.toMatchObject({
      code: 'store_full',
      maxEntries: 3,
    })
    // Live keys still count on, untouched by the refused one.
    expect(await store.increment('a', 10_000)).toMatchObject({ count: 2 })
    expect(await store.get('b')).toMatchObject({ count: 1 })
    expect(await store.get('d')).toBeUndefined()
    now = 9_999
    await expect(store.increment('d', 10_000)).rejects.toMatchObject({ code: 'store_full' })
  })

  it('makes room from expired keys only, whatever their window', async () => {
    let now = 0
    const store = createMemoryStore({ maxEntries: 3, now: () => now })
    await store.increment('long', 60_000)
    await store.increment('short-1', 1_000)
    await store.increment('short-2', 2_000)
    now = 1_500 // short-1 has expired, the others are live
    expect(await store.increment('new', 60_000)).toEqual({ count: 1, resetAt: 61_500 })
    expect(await store.get('long')).toMatchObject({ count: 1 })
    expect(await store.get('short-2')).toMatchObject({ count: 1 })
    await expect(store.increment('newer', 60_000)).rejects.toMatchObject({ code: 'store_full' })
    now = 2_000
    expect(await store.increment('newer', 60_000)).toMatchObject({ count: 1 })
  })

  it('keeps the limits of a flood victim: 10x maxEntries fresh keys never reset one', async () => {
    const store = createMemoryStore({ maxEntries: 1_000 })
    for (let i = 0; i < 5; i++) await store.increment('victim', 3_600_000)
    let refused = 0
    for (let i = 0; i < 10_000; i++) {
      await store.increment(`flood-${i}`, 3_600_000).catch(() => {
        refused += 1
      })
    }
    expect(refused).toBe(10_000 - 999)
    expect(await store.get('victim')).toMatchObject({ count: 5 })
  })

  it('frees the slot of a deleted key', async () => {
    const store = createMemoryStore({ maxEntries: 1 })
    await store.increment('a', 10_000)
    await store.delete('a')
    expect(await store.increment('b', 10_000)).toMatchObject({ count: 1 })
  })

  it('hands out distinct counts to concurrent increments', async () => {
    const store = createMemoryStore()
    const counts = await Promise.all(Array.from({ length: 50 }, () => store.increment('k', 10_000)))
    expect(new Set(counts.map((state) => state.count)).size).toBe(50)
  })
})
