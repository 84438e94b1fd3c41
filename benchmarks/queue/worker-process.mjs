// One benchmark worker: @iprog-sms/bullmq's createSmsWorker with a real client to the sandbox.
import { createSmsWorker } from '@iprog-sms/bullmq'
import { createClient } from '@iprog-sms/core'

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
worker.bullmq.on('ready', () => process.send('ready'))
process.once('SIGTERM', async () => {
  await worker.close()
  if (env.BENCH_QUEUE_DEBUG)
    console.log(
      `worker ${process.pid}: ${calls} calls, ${gatewayMs.toFixed(0)} ms in gateway calls, alive ${Date.now() - started} ms, processing ${processingMs} ms, first-to-last ${lastAt - firstAt} ms, cpu ${JSON.stringify(process.cpuUsage())}`,
    )
  process.exit(0)
})
