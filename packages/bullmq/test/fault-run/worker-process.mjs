// One worker process of the fault run and the delivery-tracking test: the built package, a real client
// pointed at the sandbox. Stops gracefully on SIGTERM; the fault run also kills it with SIGKILL.
import { createClient } from '@iprog-sms/core'
import { createSmsWorker } from '../../dist/index.js'

const env = process.env
const worker = createSmsWorker({
  connection: env.REDIS_URL,
  prefix: env.QUEUE_PREFIX,
  client: createClient({
    apiToken: env.SANDBOX_TOKEN,
    baseUrl: env.SANDBOX_URL,
    timeoutMs: Number(env.CLIENT_TIMEOUT_MS ?? 10_000),
    bulkChunkSize: 1000,
  }),
  concurrency: Number(env.CONCURRENCY ?? 4),
  ratePerSecond: Number(env.RATE_PER_SECOND ?? 100),
  lockDurationMs: Number(env.LOCK_DURATION_MS ?? 30_000),
  stalledIntervalMs: Number(env.STALLED_INTERVAL_MS ?? 30_000),
  retry: { baseDelayMs: 50, maxDelayMs: 500 },
  ...(env.TRACK_INTERVAL_MS
    ? {
        trackDelivery: {
          intervalMs: Number(env.TRACK_INTERVAL_MS),
          timeoutMs: Number(env.TRACK_TIMEOUT_MS ?? 120_000),
        },
      }
    : {}),
})
worker.bullmq.on('ready', () => process.send?.('ready'))
process.once('SIGTERM', async () => {
  await worker.close()
  process.exit(0)
})
