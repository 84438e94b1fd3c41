// The fault run: 10,000 recipients through two worker processes into the sandbox, which fails
// 10% of calls with HTTP 500 and 5% with resets (half of each delivered anyway) and 3% with
// timeouts (delivered); one worker is killed with SIGKILL mid-run and a new one started. Then
// every recipient must have exactly one honest final outcome. Real Redis, real HTTP.
import { type RunningSandbox, startSandbox } from '@iprog-sms/sandbox'
import type { Redis } from 'ioredis'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createSmsQueue } from '../src/index.js'
import { checkInvariants, collect, numbers } from './contract/invariants.js'
import { spawnWorker, type WorkerProcess } from './fault-run/spawn-worker.js'
import { connectTestRedis, deletePrefix, REDIS_URL, testPrefix } from './redis.js'

const TOKEN = 'fault-run-token'
const prefix = testPrefix('fault-run')
let running: RunningSandbox
let redis: Redis
const workers: WorkerProcess[] = []

beforeAll(async () => {
  redis = await connectTestRedis('The fault run')
  running = await startSandbox({ port: 0, tokens: { [TOKEN]: 1_000_000 }, seed: 10_000 })
})
afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.kill()))
  await running?.close()
  await deletePrefix(redis, prefix)
  await redis.quit()
})

const workerEnv = () => ({
  REDIS_URL,
  QUEUE_PREFIX: prefix,
  SANDBOX_URL: running.url,
  SANDBOX_TOKEN: TOKEN,
  CLIENT_TIMEOUT_MS: '3000',
  CONCURRENCY: '4',
  RATE_PER_SECOND: '150',
  // A killed worker's jobs come back after its lock expires: well above the client timeout.
  LOCK_DURATION_MS: '8000',
  STALLED_INTERVAL_MS: '2000',
})

it('10,000 recipients, faults and a killed worker: one honest final outcome each, never two SMS', {
  timeout: 240_000,
}, async () => {
  const { faults } = running.sandbox
  faults.add({ kind: 'http-500', rate: 0.05, deliver: true })
  faults.add({ kind: 'http-500', rate: 0.05, deliver: false })
  faults.add({ kind: 'reset', rate: 0.025, deliver: true })
  faults.add({ kind: 'reset', rate: 0.025, deliver: false })
  faults.add({ kind: 'timeout', rate: 0.03, delayMs: 4000 })
  // Smart/TNT numbers without a sender name are refused for good: some recipients must fail.
  running.sandbox.configure({ smartTntPrefixes: ['0918'] })

  workers.push(await spawnWorker(workerEnv()), await spawnWorker(workerEnv()))
  const queue = createSmsQueue({
    connection: REDIS_URL,
    prefix,
    chunkSize: 25,
    drainIntervalMs: 100,
  })
  const bulk = numbers(9800, 170_000_000)
  const singles = numbers(200, 180_000_000)
  await queue.enqueueBulk({ to: bulk, message: 'Fault run', batchId: 'fault-run' })
  for (const [i, to] of singles.entries()) {
    await queue.enqueue({ to, message: 'Fault run single', key: `single-${i}` })
  }

  // Kill one worker once a fair part is through, while jobs are in flight, and replace it.
  while (((await queue.batch('fault-run'))?.sent ?? 0) < 2500) {
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  await workers[0]!.kill()
  workers[0] = await spawnWorker(workerEnv())
  await queue.drain()
  const hits = faults.list().map((f) => `${f.kind}${f.deliver ? ' delivered' : ''} ${f.hits}`)
  faults.clear()

  const outcomes = [
    ...(await collect(queue.outcomes('fault-run'))),
    ...(await Promise.all(singles.map((_, i) => queue.outcome(`single-${i}`)))).map((o) => o!),
  ]
  expect(outcomes).toHaveLength(10_000)
  const counts = checkInvariants(outcomes, running.sandbox.messages())
  const lost = outcomes.filter((o) => o.error?.code === 'worker_lost').length
  const retried = outcomes.filter((o) => o.state === 'sent' && o.attempts > 1).length
  console.log(
    `fault run: ${JSON.stringify(counts)}; worker_lost ${lost}; sent after a retry ${retried}; ` +
      `captured ${running.sandbox.messages().length}; fault hits: ${hits.join(', ')}`,
  )
  expect(counts.queued + counts.sending).toBe(0)
  expect(counts.sent).toBeGreaterThan(5000)
  expect(counts.unknown).toBeGreaterThan(0)
  expect(counts.failed).toBeGreaterThan(0)
  expect(await queue.batch('fault-run')).toMatchObject({ total: 9800, queued: 0, sending: 0 })
  await queue.close()
  await Promise.all(workers.splice(0).map((worker) => worker.stop()))
})
