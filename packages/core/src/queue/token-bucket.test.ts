import { describe, expect, it } from 'vitest'
import { createTokenBucket } from './token-bucket.js'

// A clock moved by the bucket's own sleeps: the test sees exactly how long takers waited.
function manualClock() {
  let time = 0
  return {
    now: () => time,
    sleep: async (ms: number) => {
      time += ms
    },
  }
}

describe('createTokenBucket', () => {
  it('lets one second worth through at once, then one token per 1/rate second', async () => {
    const clock = manualClock()
    const bucket = createTokenBucket({ ratePerSecond: 4, ...clock })
    const takenAt: number[] = []
    await Promise.all(
      Array.from({ length: 8 }, () => bucket.take().then(() => takenAt.push(clock.now()))),
    )
    expect(takenAt).toEqual([0, 0, 0, 0, 250, 500, 750, 1000])
  })

  it('handles rates below one a second', async () => {
    const clock = manualClock()
    const bucket = createTokenBucket({ ratePerSecond: 0.5, ...clock })
    await bucket.take()
    await bucket.take()
    expect(clock.now()).toBe(2000)
  })
})
