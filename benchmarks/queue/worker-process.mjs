// One benchmark worker: @iprog-sms/bullmq's createSmsWorker with a real client to the sandbox.
import { createClient } from '@iprog-sms/core'

// BENCH_BULLMQ_DIST: another build of the package, to compare two versions (see queue.mjs).
const { createSmsWorker } = await import(process.env.BENCH_BULLMQ_DIST || '@iprog-sms/bullmq')

const env = process.env
let gatewayMs = 0
let calls = 0
const started = Date.now()
const worker = createSmsWorker({
  connection: env.REDIS_URL,
  prefix: env.QUEUE_PREFIX,
  client: createClient({
    apiToken: env.SANDBOX_TOKEN,
    baseUrl: env.SANDBOX_URL,
    hooks: {
      onResponse: ({ durationMs }) => {
        gatewayMs += durationMs
        calls++
      },
    },
  }),
  concurrency: Number(env.CONCURRENCY),
  ratePerSecond: 10_000,
})
let processingMs = 0
let firstAt = 0
let lastAt = 0
worker.bullmq.on('completed', (job) => {
  processingMs += job.finishedOn - job.processedOn
  firstAt ||= job.processedOn
  lastAt = job.finishedOn
})
let cpuAtReady
worker.bullmq.on('ready', () => {
  cpuAtReady = process.cpuUsage() // module loading and connecting are not the run's
  process.send('ready')
})
// 'cpu': the CPU this worker used since it was ready, so the parent can take a round's share.
process.on('message', (message) => {
  if (message === 'cpu') process.send({ cpu: process.cpuUsage(cpuAtReady) })
})
process.once('SIGTERM', async () => {
  await worker.close()
  if (env.BENCH_QUEUE_DEBUG)
    console.log(
      `worker ${process.pid}: ${calls} calls, ${gatewayMs.toFixed(0)} ms in gateway calls, alive ${Date.now() - started} ms, processing ${processingMs} ms, first-to-last ${lastAt - firstAt} ms, cpu ${JSON.stringify(process.cpuUsage())}`,
    )
  process.exit(0)
})
