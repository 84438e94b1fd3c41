// What only the BullMQ engine promises: a job handed out again after its worker died never
// sends twice, and two app instances enqueueing one batch make one batch. Real Redis, the real
// sandbox over HTTP.
import { createClient } from '@iprog-sms/core'
import { type RunningSandbox, startSandbox } from '@iprog-sms/sandbox'
import type { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createSmsQueue, createSmsWorker, type SmsWorker } from '../src/index.js'
import { defineScripts } from '../src/scripts.js'
import { checkInvariants, collect, numbers } from './contract/invariants.js'
import { connectTestRedis, deletePrefix, REDIS_URL, testPrefix } from './redis.js'

const TOKEN = 'bullmq-engine-token'
let running: RunningSandbox
let redis: Redis
const cleanups: (() => Promise<void>)[] = []

beforeAll(async () => {
  redis = await connectTestRedis('The BullMQ engine tests')
  running = await startSandbox({ port: 0, tokens: { [TOKEN]: 100_000 } })
})
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  running.sandbox.reset()
})
afterAll(async () => {
  await running.close()
  await redis.quit()
})

const client = (fetch?: typeof globalThis.fetch) =>
  createClient({
    apiToken: TOKEN,
    baseUrl: running.url,
    timeoutMs: 60_000,
    ...(fetch ? { fetch } : {}),
  })

function engine(prefix: string) {
  const queue = createSmsQueue({ connection: REDIS_URL, prefix, drainIntervalMs: 20 })
  cleanups.push(async () => {
    await queue.close()
    await deletePrefix(redis, prefix)
  })
  return queue
}

function worker(prefix: string, fetch?: typeof globalThis.fetch): SmsWorker {
  const started = createSmsWorker({
    connection: REDIS_URL,
    prefix,
    client: client(fetch),
    ratePerSecond: 100,
    lockDurationMs: 1000,
    stalledIntervalMs: 300,
  })
  cleanups.push(() => started.close())
  return started
}

describe('a worker that dies during the gateway call', () => {
  it('leaves its recipients unknown when the job is handed out again, never sent twice', async () => {
    const prefix = testPrefix('death')
    const queue = engine(prefix)
    let calls = 0
    let reachedGateway!: () => void
    const stuck = new Promise<void>((resolve) => {
      reachedGateway = resolve
    })
    // The first worker's calls: one is carried out by the gateway and its answer never comes
    // back, the other never leaves. Then the worker dies.
    const dying = worker(prefix, async (input, init) => {
      calls++
      if (String(init?.body).includes('639171111111')) await fetch(input, init)
      if (calls === 2) reachedGateway()
      return new Promise<Response>(() => {})
    })
    await queue.enqueue({ to: '09171111111', message: 'Delivered, answer lost', key: 'delivered' })
    await queue.enqueue({ to: '09172222222', message: 'Never left', key: 'never-left' })
    await stuck
    expect(await queue.outcome('delivered')).toMatchObject({ state: 'sending', attempts: 1 })
    await dying.bullmq.close(true) // stops without finishing: its locks are no longer renewed
    worker(prefix)
    await queue.drain()
    for (const key of ['delivered', 'never-left']) {
      expect(await queue.outcome(key)).toMatchObject({
        state: 'unknown',
        attempts: 1,
        error: { code: 'worker_lost' },
      })
    }
    expect(running.sandbox.messages().map((m) => m.to)).toEqual(['639171111111'])
  })
})

/**
 * A fetch whose gateway carries the send out at once but whose answer reaches the worker only
 * once `release()` is called; `reached` settles when the gateway has answered.
 */
function heldGateway() {
  let release!: () => void
  const held = new Promise<void>((resolve) => {
    release = resolve
  })
  let reachedGateway!: () => void
  const reached = new Promise<void>((resolve) => {
    reachedGateway = resolve
  })
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const response = await globalThis.fetch(input, init)
    reachedGateway()
    await held
    return response
  }
  return { fetch, reached, release }
}

describe('a worker blocked past its lock', () => {
  it('corrects the unknown of its recipient to sent when its late answer arrives', async () => {
    const prefix = testPrefix('late')
    const queue = engine(prefix)
    const gateway = heldGateway()
    const slow = worker(prefix, gateway.fetch)
    await queue.enqueue({ to: '09173333333', message: 'Late answer', key: 'late' })
    await gateway.reached
    await slow.bullmq.close(true) // its lock lapses; the call itself is still waiting
    worker(prefix)
    await vi.waitFor(
      async () => expect(await queue.outcome('late')).toMatchObject({ state: 'unknown' }),
      { timeout: 10_000, interval: 50 },
    )
    gateway.release()
    await vi.waitFor(
      async () => expect(await queue.outcome('late')).toMatchObject({ state: 'sent', attempts: 1 }),
      { timeout: 10_000, interval: 50 },
    )
    expect(await queue.batch('late')).toBeUndefined()
    expect(running.sandbox.messages().map((m) => m.to)).toEqual(['639173333333'])
  })
})

describe('a batch job blocked past its lock', () => {
  it('gets its late answers recorded after the next run marked them unknown', async () => {
    const prefix = testPrefix('late-batch')
    const queue = engine(prefix)
    const gateway = heldGateway()
    const slow = worker(prefix, gateway.fetch)
    const to = numbers(3, 176_000_000)
    await queue.enqueueBulk({ to, message: 'Late bulk answer', batchId: 'late-batch' })
    await gateway.reached
    await slow.bullmq.close(true)
    // The next run finds the claims of the first and marks them unknown: the first run's settle
    // can no longer take its claims as untouched, and must read them.
    worker(prefix)
    await vi.waitFor(
      async () => expect(await queue.batch('late-batch')).toMatchObject({ unknown: 3 }),
      { timeout: 10_000, interval: 50 },
    )
    gateway.release()
    await vi.waitFor(
      async () =>
        expect(await queue.batch('late-batch')).toMatchObject({
          total: 3,
          sending: 0,
          sent: 3,
          unknown: 0,
        }),
      { timeout: 10_000, interval: 50 },
    )
    const outcomes = await collect(queue.outcomes('late-batch'))
    expect(outcomes.map((o) => [o.state, o.attempts])).toEqual([
      ['sent', 1],
      ['sent', 1],
      ['sent', 1],
    ])
    checkInvariants(outcomes, running.sandbox.messages())
    expect(running.sandbox.messages()).toHaveLength(3)
    // No claim mark outlives its job's runs.
    const fields = Object.keys(await redis.hgetall(`${prefix}:b:late-batch`))
    expect(fields.filter((field) => field.startsWith('claim:'))).toEqual([])
  })
})

describe('a batch job handed out again after its answers were recorded', () => {
  // Its worker died after the settle, before BullMQ marked the job done. The scripts are run
  // by hand, as the two runs would: the second run must find the answers, not lost claims.
  it('finds its recipients sent, not unknown', async () => {
    const prefix = testPrefix('settled')
    const queue = engine(prefix)
    const scripts = defineScripts(redis)
    const scriptPrefix = `${prefix}:`
    const to = ['639177000001', '639177000002']
    await scripts.smsEnqueueBulk(
      scriptPrefix,
      'settled',
      Date.now(),
      60_000,
      'Hi',
      '{}',
      to.join('|'),
    )
    const claim = (token: string) =>
      scripts.smsClaim(scriptPrefix, 'j-1', token, Date.now(), 60_000, 'settled', to.join('|'))
    expect(await claim('first')).toBe('cc')
    await scripts.smsSettle(
      scriptPrefix,
      'j-1',
      'first',
      Date.now(),
      60_000,
      '',
      'settled',
      to.join('|'),
      'iSms-a|1|iSms-b|1|',
    )
    expect(await claim('second')).toBe('..')
    expect(await queue.batch('settled')).toMatchObject({
      total: 2,
      sending: 0,
      sent: 2,
      unknown: 0,
    })
    const outcomes = await collect(queue.outcomes('settled'))
    expect(outcomes.map((o) => [o.to, o.state, o.messageId, o.attempts])).toEqual(
      expect.arrayContaining([
        ['639177000001', 'sent', 'iSms-a', 1],
        ['639177000002', 'sent', 'iSms-b', 1],
      ]),
    )
    expect(outcomes).toHaveLength(2)
    expect(await queue.outcome('settled:639177000002')).toMatchObject({
      state: 'sent',
      messageId: 'iSms-b',
    })
    expect(await queue.retry('settled:639177000002')).toBe(false)
  })
})

describe('two app instances', () => {
  it('enqueueing the same batch id at once make one batch, sent once', async () => {
    const prefix = testPrefix('instances')
    const [first, second] = [engine(prefix), engine(prefix)]
    worker(prefix)
    worker(prefix)
    const batch = { to: numbers(1200, 175_000_000), message: 'Once', batchId: 'same-batch' }
    const answers = await Promise.all([first.enqueueBulk(batch), second.enqueueBulk(batch)])
    expect(answers[0]!.accepted + answers[1]!.accepted).toBe(1200)
    await first.drain()
    expect(await second.batch('same-batch')).toMatchObject({ total: 1200, sent: 1200 })
    const outcomes = await collect(second.outcomes('same-batch'))
    expect(outcomes).toHaveLength(1200)
    checkInvariants(outcomes, running.sandbox.messages())
    expect(running.sandbox.messages()).toHaveLength(1200)
  })
})

describe('a batch job enqueued as its own chunk', () => {
  // The scripts run by hand, as the runs of jobs would, around the one-field claim of a chunk.
  const to = ['639178000001', '639178000002', '639178000003']
  const setup = async (name: string) => {
    const prefix = testPrefix(name)
    const queue = engine(prefix)
    const scripts = defineScripts(redis)
    const at = `${prefix}:`
    // One page, cut into chunks of 2: j-a holds the first two numbers, j-b the third.
    const enqueue = () =>
      scripts.smsEnqueueBulk(at, name, Date.now(), 60_000, 'Hi', '{}', to.join('|'), 2, 'j-a|j-b')
    expect(await enqueue()).toEqual(['*', '', 'Hi', '{}'])
    const claim = (jobId: string, token: string, list: string, chunk: number | '') =>
      scripts.smsClaim(at, jobId, token, Date.now(), 60_000, name, list, chunk)
    const settle = (
      jobId: string,
      token: string,
      sent: string,
      answers: string,
      ...rest: string[]
    ) => scripts.smsSettle(at, jobId, token, Date.now(), 60_000, '', name, sent, answers, ...rest)
    return { queue, enqueue, claim, settle }
  }

  it('is claimed in one step, counted, and read through its claim until settled', async () => {
    const { queue, enqueue, claim, settle } = await setup('chunk-claim')
    expect(await claim('j-a', 'first', '', 2)).toBe('cc')
    expect(await queue.batch('chunk-claim')).toMatchObject({ queued: 1, sending: 2 })
    expect(await queue.outcome('chunk-claim:639178000002')).toMatchObject({
      state: 'sending',
      attempts: 1,
    })
    // Enqueued again: the claimed chunk is not queued, the other one still is.
    expect(await enqueue()).toEqual(['', '639178000003', 'Hi', '{}'])
    await settle('j-a', 'first', '639178000001', 'iSms-a|1|', '639178000002', 'failed', 'x', 'no')
    expect(await queue.batch('chunk-claim')).toMatchObject({
      queued: 1,
      sending: 0,
      sent: 1,
      failed: 1,
    })
    const outcomes = await collect(queue.outcomes('chunk-claim'))
    expect(outcomes.map((o) => [o.to, o.state, o.attempts, o.messageId]).sort()).toEqual([
      ['639178000001', 'sent', 1, 'iSms-a'],
      ['639178000002', 'failed', 1, undefined],
      ['639178000003', 'queued', 0, undefined],
    ])
    // Handed out again after its settle: nothing left to claim, nothing lost.
    expect(await claim('j-a', 'second', '', 2)).toBe('?')
    expect(await claim('j-a', 'second', to.slice(0, 2).join('|'), 2)).toBe('..')
    expect(await queue.retry('chunk-claim:639178000001')).toBe(false)
  })

  it('handed out again before its settle: its recipients are lost, never claimed twice', async () => {
    const { queue, claim, settle } = await setup('chunk-stalled')
    expect(await claim('j-a', 'first', '', 2)).toBe('cc')
    expect(await claim('j-a', 'second', to.slice(0, 2).join('|'), 2)).toBe('ll')
    expect(await queue.batch('chunk-stalled')).toMatchObject({ sending: 0, unknown: 2 })
    // The first run's late answer corrects them.
    await settle('j-a', 'first', '639178000001|639178000002', 'iSms-a|1|iSms-b|1|')
    expect(await queue.batch('chunk-stalled')).toMatchObject({ queued: 1, sent: 2, unknown: 0 })
    expect(await queue.outcome('chunk-stalled:639178000002')).toMatchObject({
      state: 'sent',
      messageId: 'iSms-b',
    })
  })

  it('taken record by record by another job: its own job claims only what is left', async () => {
    const { queue, claim } = await setup('chunk-broken')
    // Another job (a re-added page cut differently) claims the second and third numbers.
    expect(await claim('j-other', 'other', to.slice(1).join('|'), '')).toBe('cc')
    expect(await claim('j-a', 'first', '', 2)).toBe('?')
    expect(await claim('j-a', 'first', to.slice(0, 2).join('|'), 2)).toBe('c.')
    expect(await claim('j-b', 'third', '', 1)).toBe('?')
    expect(await claim('j-b', 'third', to[2]!, 1)).toBe('.')
    expect(await queue.batch('chunk-broken')).toMatchObject({ queued: 0, sending: 3 })
    const outcomes = await collect(queue.outcomes('chunk-broken'))
    expect(outcomes.map((o) => [o.to, o.state, o.attempts]).sort()).toEqual([
      ['639178000001', 'sending', 1],
      ['639178000002', 'sending', 1],
      ['639178000003', 'sending', 1],
    ])
  })
})
