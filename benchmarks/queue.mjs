// Queue throughput: 100,000 recipients through @iprog-sms/bullmq (the producer in this process,
// 2 worker processes started once for the run) into the sandbox, beside client.messages.sendBulk
// of the same list from this process, in the same run, rounds interleaved (round 1 is cold for
// both). Prints, per round, the CPU seconds of each process involved. Both keep 4 gateway calls of 500 recipients
// in flight (sendBulk: bulkConcurrency 4; queue: 2 workers × concurrency 2). The sandbox runs in
// its own process. Redis commands per recipient come from INFO commandstats deltas of a private
// redis-server started here (scripts' inner calls included), or of REDIS_URL when there is no
// redis-server binary (then other clients' commands count too).
//
// Environment: BENCH_QUEUE_RECIPIENTS (default 100000), BENCH_PROCESSES (rounds, default 5),
// BENCH_QUEUE_IN_FLIGHT (gateway calls in flight on both sides, default 4: sendBulk's
// bulkConcurrency, and half of it per worker),
// BENCH_QUEUE_PROFILE=<dir> (V8 CPU profiles of the children), BENCH_BULLMQ_DIST=<path of another
// build's dist/index.js> (producer and workers from that build: run it and the current one in
// turn to compare two versions on the same machine).
import { execFileSync, fork, spawn } from 'node:child_process'
import { createClient } from '@iprog-sms/core'
import { Redis } from 'ioredis'
import { formatNumber, spread } from './harness/index.mjs'
import { printTable, verdict } from './harness/report.mjs'

const { createSmsQueue } = await import(process.env.BENCH_BULLMQ_DIST || '@iprog-sms/bullmq')

const RECIPIENTS = Number(process.env.BENCH_QUEUE_RECIPIENTS ?? 100_000)
const ROUNDS = Number(process.env.BENCH_PROCESSES ?? 5)
const TOKEN = 'bench-queue-token'
const MESSAGE = 'Benchmark: your order is on its way.'
const CHUNK = 500
const IN_FLIGHT = Number(process.env.BENCH_QUEUE_IN_FLIGHT ?? 4)
const TARGET = { median: 0.5 }

const numbers = Array.from({ length: RECIPIENTS }, (_, i) => `09${String(170_000_000 + i)}`)
const children = []
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const once = (child) => new Promise((resolve) => child.once('message', resolve))

function hasRedisServer() {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

async function startRedis() {
  if (process.env.REDIS_URL || !hasRedisServer()) {
    return { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', private: false }
  }
  const port = 20_000 + Math.floor(Math.random() * 20_000)
  const server = spawn(
    'redis-server',
    ['--port', String(port), '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  )
  children.push(server)
  const url = `redis://127.0.0.1:${port}`
  for (let i = 0; i < 100; i++) {
    const probe = new Redis(url, {
      lazyConnect: true,
      retryStrategy: () => null,
      maxRetriesPerRequest: 0,
    })
    probe.on('error', () => {}) // refused until the server listens
    try {
      await probe.connect()
      await probe.quit()
      return { url, private: true }
    } catch {
      probe.disconnect()
      await sleep(50)
    }
  }
  throw new Error('redis-server did not start')
}

function startChild(file, env) {
  const child = fork(new URL(file, import.meta.url), {
    env: { ...process.env, ...env },
    stdio: 'inherit',
    // BENCH_QUEUE_PROFILE=<dir>: a V8 CPU profile of every child, to see where its time goes.
    execArgv: process.env.BENCH_QUEUE_PROFILE
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_QUEUE_PROFILE}`]
      : [],
  })
  children.push(child)
  return child
}

async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}

async function commandCalls(redis) {
  const info = await redis.info('commandstats')
  const calls = {}
  let usec = 0
  for (const [, name, count, time] of info.matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm)) {
    calls[name] = Number(count)
    if (name === 'evalsha' || name === 'eval') usec += Number(time)
  }
  return { calls, usec }
}

// Redis server CPU seconds so far (user + sys), from INFO cpu.
async function redisCpu(redis) {
  const info = await redis.info('cpu')
  const read = (name) => Number(info.match(new RegExp(`^${name}:([\\d.]+)`, 'm'))?.[1] ?? 0)
  return read('used_cpu_user') + read('used_cpu_sys')
}

const cpuSeconds = ({ user, system }) => (user + system) / 1e6

async function deletePrefix(redis, prefix) {
  let cursor = '0'
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000)
    cursor = next
    if (keys.length > 0) await redis.del(...keys)
  } while (cursor !== '0')
}

const sandbox = startChild('./queue/sandbox-process.mjs', { SANDBOX_TOKEN: TOKEN })
const { url: sandboxUrl } = await once(sandbox)
const redisInfo = await startRedis()
const redis = new Redis(redisInfo.url)
let sandboxCpuBefore = 0
// Empties the sandbox; gives how many messages it held and its CPU seconds since the last clear.
const clearInbox = async () => {
  sandbox.send('clear')
  const { count, cpu } = await once(sandbox)
  const total = cpuSeconds(cpu)
  const used = total - sandboxCpuBefore
  sandboxCpuBefore = total
  return { count, cpu: used }
}

async function direct() {
  const client = createClient({
    apiToken: TOKEN,
    baseUrl: sandboxUrl,
    bulkChunkSize: CHUNK,
    bulkConcurrency: IN_FLIGHT,
  })
  await clearInbox() // CPU of the sandbox from here on
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  const result = await client.messages.sendBulk({ to: numbers, message: MESSAGE })
  const seconds = (performance.now() - started) / 1000
  const cpu = { client: cpuSeconds(process.cpuUsage(cpuBefore)) }
  const { count: captured, cpu: sandboxCpu } = await clearInbox()
  cpu.sandbox = sandboxCpu
  if (result.accepted.length !== RECIPIENTS || captured !== RECIPIENTS) {
    throw new Error(`sendBulk: ${result.accepted.length} accepted, ${captured} captured`)
  }
  return { rate: RECIPIENTS / seconds, seconds, cpu }
}

// The workers and the producer live through every round, as they do in an app: JIT-warm after
// the first round, like the baseline's client, which runs in this process all along.
const prefix = `iprog-sms-bench-${process.pid}`
let workers = []
let queue

async function startWorkers() {
  const env = {
    REDIS_URL: redisInfo.url,
    QUEUE_PREFIX: prefix,
    SANDBOX_URL: sandboxUrl,
    SANDBOX_TOKEN: TOKEN,
    CONCURRENCY: String(IN_FLIGHT / 2),
  }
  workers = [
    startChild('./queue/worker-process.mjs', env),
    startChild('./queue/worker-process.mjs', env),
  ]
  await Promise.all(workers.map(once))
  queue = createSmsQueue({ connection: redisInfo.url, prefix, chunkSize: CHUNK })
}

// The workers' CPU seconds since they were ready.
async function workersCpu() {
  const answers = workers.map(once)
  for (const worker of workers) worker.send('cpu')
  return (await Promise.all(answers)).reduce((sum, m) => sum + cpuSeconds(m.cpu), 0)
}

async function queued(round) {
  const batchId = `bench-${round}`
  await clearInbox() // CPU of the sandbox from here on
  const before = await commandCalls(redis)
  const redisCpuBefore = await redisCpu(redis)
  const workersCpuBefore = await workersCpu()
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  await queue.enqueueBulk({ to: numbers, message: MESSAGE, batchId })
  const enqueuedMs = performance.now() - started
  let progress
  for (;;) {
    progress = await queue.batch(batchId)
    if (progress.sent + progress.failed + progress.unknown === progress.total) break
    await sleep(20)
  }
  const seconds = (performance.now() - started) / 1000
  const cpu = { producer: cpuSeconds(process.cpuUsage(cpuBefore)) }
  const after = await commandCalls(redis)
  cpu.redis = (await redisCpu(redis)) - redisCpuBefore
  cpu.workers = (await workersCpu()) - workersCpuBefore
  await redis.del(`${prefix}:b:${batchId}`, `${prefix}:b:${batchId}:s`)
  const { count: captured, cpu: sandboxCpu } = await clearInbox()
  cpu.sandbox = sandboxCpu
  if (progress.sent !== RECIPIENTS || captured !== RECIPIENTS) {
    throw new Error(`queue: ${JSON.stringify(progress)}, ${captured} captured`)
  }
  const delta = Object.entries(after.calls).map(([name, calls]) => [
    name,
    calls - (before.calls[name] ?? 0),
  ])
  const scriptSeconds = (after.usec - before.usec) / 1e6
  const commands = delta.reduce((sum, [, calls]) => sum + calls, 0)
  const top = delta
    .filter(([, calls]) => calls > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
  if (process.env.BENCH_QUEUE_DEBUG)
    console.log(`enqueue ${enqueuedMs.toFixed(0)} ms of ${(seconds * 1000).toFixed(0)} ms`)
  return { rate: RECIPIENTS / seconds, commands, top, scriptSeconds, seconds, cpu }
}

try {
  const baseline = []
  const subject = []
  const profiles = []
  let commands
  await startWorkers()
  for (let round = 0; round < ROUNDS; round++) {
    const plain = await direct()
    baseline.push(plain.rate)
    const result = await queued(round)
    subject.push(result.rate)
    commands = result
    profiles.push({ plain, result })
  }
  const ratios = spread(subject.map((rate, i) => rate / baseline[i]))
  printTable({
    title: `${formatNumber(RECIPIENTS)} recipients into the sandbox, ${ROUNDS} interleaved rounds`,
    baseline: 'client.messages.sendBulk',
    rows: [
      {
        name: '@iprog-sms/bullmq, 2 worker processes',
        ratios,
        target: TARGET,
        verdict: verdict(ratios, TARGET),
      },
    ],
    figures: { 'client.messages.sendBulk': baseline, '@iprog-sms/bullmq': subject },
    unit: 'recipients/s',
  })
  const perRecipient = commands.commands / RECIPIENTS
  console.log(
    `\n  Redis commands per recipient (last round, ${redisInfo.private ? 'private redis-server' : `${redisInfo.url}, other clients included`}): ` +
      `${perRecipient.toFixed(3)} (${formatNumber(commands.commands)} in all; ${commands.top.map(([n, c]) => `${n} ${formatNumber(c)}`).join(', ')}); ` +
      `Redis busy in scripts ${commands.scriptSeconds.toFixed(1)} s of ${commands.seconds.toFixed(1)} s`,
  )
  // Where the time goes: on a shared 2-core machine throughput follows CPU seconds spent.
  const show = (cpu) =>
    Object.entries(cpu)
      .map(([who, s]) => `${who} ${s.toFixed(2)}`)
      .join(', ')
  console.log('\n  CPU seconds per round (wall seconds first):')
  for (const [i, { plain, result }] of profiles.entries()) {
    console.log(
      `  round ${i + 1}: sendBulk ${plain.seconds.toFixed(2)} s (${show(plain.cpu)}); ` +
        `bullmq ${result.seconds.toFixed(2)} s (${show(result.cpu)})`,
    )
  }
} finally {
  await Promise.all(workers.map(stopChild))
  await queue?.close()
  await deletePrefix(redis, prefix)
  await redis.quit()
  for (const child of children.reverse()) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
  }
}
