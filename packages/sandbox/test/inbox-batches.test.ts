// The inbox's batch view over real HTTP: an app's queue handed to the sandbox shows each batch
// it takes on the live feed (`batch` events on /__sandbox/events), in the snapshot and at
// /__sandbox/batches, from its first count to its last.
import { createClient } from '@iprog-sms/core'
import { type BatchProgress, createSmsQueue } from '@iprog-sms/core/queue'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningSandbox, startSandbox } from '../src/serve/node-server.js'

const TOKEN = 'inbox-batches-token'
let running: RunningSandbox

beforeAll(async () => {
  running = await startSandbox({ port: 0, tokens: { [TOKEN]: 10_000 } })
})
afterAll(async () => {
  await running.close()
})

const numbers = (count: number) =>
  Array.from({ length: count }, (_, i) => `0917${String(3_000_000 + i)}`)

/** Reads the live feed and gives each `batch` event's data to `onBatch` until it returns true. */
async function readBatchEvents(
  response: Response,
  until: (progress: BatchProgress) => boolean,
): Promise<BatchProgress[]> {
  const seen: BatchProgress[] = []
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) throw new Error(`the feed ended after ${JSON.stringify(seen)}`)
    buffer += value
    let end = buffer.indexOf('\n\n')
    while (end !== -1) {
      const frame = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      end = buffer.indexOf('\n\n')
      if (!frame.includes('event: batch\n')) continue
      const progress = JSON.parse(frame.slice(frame.indexOf('data: ') + 6)) as BatchProgress
      seen.push(progress)
      if (until(progress)) {
        await reader.cancel()
        return seen
      }
    }
  }
}

describe('a queue handed to the sandbox', () => {
  it('shows its batch on the live feed from queued to sent, and in the snapshot', async () => {
    const client = createClient({ apiToken: TOKEN, baseUrl: running.url })
    const queue = createSmsQueue({ client, concurrency: 1, ratePerSecond: 1000 })
    const stop = running.sandbox.watchBatches(queue)
    try {
      const feed = await fetch(`${running.url}/__sandbox/events`)
      expect(feed.headers.get('content-type')).toBe('text/event-stream')
      const events = readBatchEvents(feed, (p) => p.batchId === 'promo-1' && p.sent === 1200)
      await queue.enqueueBulk({ to: numbers(1200), message: 'Sale today!', batchId: 'promo-1' })
      const seen = await events

      // The first count is read as the batch is taken, before any gateway answer.
      expect(seen[0]).toMatchObject({ batchId: 'promo-1', total: 1200, sent: 0 })
      expect(seen.at(-1)).toEqual({
        batchId: 'promo-1',
        total: 1200,
        queued: 0,
        sending: 0,
        sent: 1200,
        failed: 0,
        unknown: 0,
      })
      for (let i = 1; i < seen.length; i++) {
        expect(seen[i]!.sent).toBeGreaterThanOrEqual(seen[i - 1]!.sent)
      }

      const listed = await (await fetch(`${running.url}/__sandbox/batches`)).json()
      expect(listed).toEqual([seen.at(-1)])
      const state = await (await fetch(`${running.url}/__sandbox/state`)).json()
      expect(state.batches).toEqual([seen.at(-1)])
    } finally {
      stop()
      await queue.close()
    }
  })

  it('stops following a queue once told to', async () => {
    const client = createClient({ apiToken: TOKEN, baseUrl: running.url })
    const queue = createSmsQueue({ client, ratePerSecond: 1000 })
    running.sandbox.watchBatches(queue)()
    await queue.enqueueBulk({ to: numbers(2), message: 'Quiet', batchId: 'unwatched' })
    await queue.drain()
    expect(running.sandbox.batches().map((b) => b.batchId)).not.toContain('unwatched')
    await queue.close()
  })
})
