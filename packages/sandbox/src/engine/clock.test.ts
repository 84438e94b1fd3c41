import { describe, expect, it } from 'vitest'
import { createClock } from './clock.js'

describe('clock', () => {
  it('runs with the wall clock from its start time', () => {
    let wall = 1_000
    const clock = createClock({ start: 50_000, wallNow: () => wall })
    wall += 250
    expect(clock.now()).toBe(50_250)
  })

  it('stands still when frozen and moves only by set and advance', () => {
    let wall = 0
    let changes = 0
    const clock = createClock({
      start: '2026-02-06T10:00:00+08:00',
      frozen: true,
      wallNow: () => wall,
      onChange: () => changes++,
    })
    wall += 10_000
    expect(clock.now()).toBe(Date.parse('2026-02-06T10:00:00+08:00'))
    clock.advance(60_000)
    expect(clock.now()).toBe(Date.parse('2026-02-06T10:01:00+08:00'))
    clock.set(new Date('2026-02-07T00:00:00+08:00'))
    expect(clock.now()).toBe(Date.parse('2026-02-07T00:00:00+08:00'))
    expect(changes).toBe(2)
  })

  it('resumes from where it stood', () => {
    let wall = 0
    const clock = createClock({ start: 100, frozen: true, wallNow: () => wall })
    wall = 5_000
    clock.resume()
    wall = 5_300
    expect(clock.now()).toBe(400)
  })

  it('refuses a negative advance and an unreadable time', () => {
    const clock = createClock({ frozen: true })
    expect(() => clock.advance(-1)).toThrow(RangeError)
    expect(() => clock.set('not a time')).toThrow(TypeError)
  })
})
