/**
 * `createSmsQueue`: the producer side, for any number of app instances. It writes each
 * recipient's `queued` record and the BullMQ jobs; the workers (`createSmsWorker`) send.
 */

import { IprogError } from '@iprog-sms/core'
import {
  chunked,
  type PreparedBulk,
  prepareBulk,
  prepareSend,
  type RetryPolicy,
  recipientKey,
  resolveRetryPolicy,
  type SmsOutcome,
  type SmsQueue,
} from '@iprog-sms/core/queue'
import { type JobsOptions, Queue } from 'bullmq'
import { openConnection } from './connection.js'
import {
  batchKey,
  jobIdFor,
  keyPrefix,
  membersKey,
  outcomeKey,
  QUEUE_NAME,
  trackingKey,
} from './keys.js'
import {
  DEFAULT_RETENTION_MS,
  type JobRetention,
  numberOption,
  prefixOption,
  type SharedOptions,
} from './options.js'
import { type SmsJobData, toOutcome } from './records.js'
import { defineScripts } from './scripts.js'

export interface BullmqQueueOptions extends SharedOptions {
  /** Recipients per `send_bulk` job. Default 500 (at most the workers' client `bulkChunkSize`). */
  chunkSize?: number
  /** Gateway calls per recipient for sends that certainly never left. The delays are the workers'. */
  retry?: Pick<RetryPolicy, 'attempts'>
  jobs?: JobRetention
  /** How often `drain()` looks. Default 100 ms. */
  drainIntervalMs?: number
}

/** The BullMQ producer as an `SmsQueue`, plus the underlying BullMQ `Queue` for dashboards. */
export interface BullmqSmsQueue extends SmsQueue {
  readonly bullmq: Queue
}

// Numbers per script call: one call must not hold Redis for long.
const ENQUEUE_PAGE = 1000
const SCAN_PAGE = 500

/**
 * Creates a producer. Any number of instances may share one prefix; a batch id or key enqueued
 * by two of them at once is still queued, and sent, once.
 *
 * @example
 * ```ts
 * import { createSmsQueue } from '@iprog-sms/bullmq'
 *
 * const queue = createSmsQueue({ connection: process.env.REDIS_URL!, prefix: 'iprog-sms' })
 * const { batchId } = await queue.enqueueBulk({ to: numbers, message: 'Sale!', batchId: 'promo-7' })
 * console.log(await queue.batch(batchId))
 * ```
 */
export function createSmsQueue(options: BullmqQueueOptions): BullmqSmsQueue {
  const prefix = prefixOption(options.prefix)
  const chunkSize = Math.floor(numberOption(options.chunkSize, 500, 1, 'chunkSize'))
  const retentionMs = numberOption(options.retentionMs, DEFAULT_RETENTION_MS, 1000, 'retentionMs')
  const drainIntervalMs = numberOption(options.drainIntervalMs, 100, 1, 'drainIntervalMs')
  const { attempts } = resolveRetryPolicy(options.retry)
  const connection = openConnection(options.connection)
  const { redis } = connection
  const scripts = defineScripts(redis)
  const queue: Queue = new Queue(QUEUE_NAME, { connection: connection.bullmq, prefix })
  const scriptPrefix = keyPrefix(prefix)
  let closed = false

  const jobOptions = (keys: string[]): JobsOptions => ({
    jobId: jobIdFor(keys),
    attempts,
    backoff: { type: 'sms' },
    removeOnComplete: options.jobs?.removeOnComplete ?? { age: 3600, count: 1000 },
    removeOnFail: options.jobs?.removeOnFail ?? { age: retentionMs / 1000 },
  })

  const addJobs = async (jobs: SmsJobData[]) => {
    if (jobs.length === 0) return
    await queue.addBulk(
      jobs.map((data) => ({
        name: data.bulk ? 'bulk' : 'send',
        data,
        opts: jobOptions(data.keys),
      })),
    )
  }

  const refuseWhenClosed = () => {
    if (closed) throw new IprogError('queue_closed', 'The queue is closed: nothing was queued')
  }

  const bulkJobs = (batch: PreparedBulk, numbers: string[], message: string, sender: string) =>
    chunked(numbers, chunkSize).map((to) => ({
      keys: to.map((number) => recipientKey(batch.batchId, number)),
      to,
      message,
      sender,
      bulk: true,
    }))

  return {
    bullmq: queue,

    async enqueue(input) {
      refuseWhenClosed()
      const { key, to, message, sender } = prepareSend(input)
      const senderJson = JSON.stringify(sender)
      const state = (await scripts.smsEnqueueOne(
        scriptPrefix,
        key,
        Date.now(),
        retentionMs,
        to,
        message,
        senderJson,
      )) as string
      // Still queued: add its job again in case the first producer died before adding it (the
      // same job id while that job exists; a worker sends only what is still queued).
      if (state === '' || state === 'queued') {
        await addJobs([{ keys: [key], to: [to], message, sender: senderJson, bulk: false }])
      }
      return { key, duplicate: state !== '' }
    },

    async enqueueBulk(input) {
      refuseWhenClosed()
      const batch = prepareBulk(input)
      const senderJson = JSON.stringify(batch.sender)
      let accepted = 0
      for (const page of chunked(batch.recipients, ENQUEUE_PAGE)) {
        const [fresh, waiting, message, sender] = (await scripts.smsEnqueueBulk(
          scriptPrefix,
          batch.batchId,
          Date.now(),
          retentionMs,
          batch.message,
          senderJson,
          ...page,
        )) as [string[], string[], string, string]
        accepted += fresh.length
        await addJobs([
          ...bulkJobs(batch, fresh, message, sender),
          ...bulkJobs(batch, waiting, message, sender),
        ])
      }
      return {
        batchId: batch.batchId,
        accepted,
        duplicates: batch.recipients.length - accepted,
        rejected: batch.rejected,
      }
    },

    async outcome(key) {
      if (typeof key !== 'string') return undefined
      return toOutcome(key, await redis.hgetall(outcomeKey(prefix, key)))
    },

    async batch(batchId) {
      if (typeof batchId !== 'string') return undefined
      const [total, queued, sending, sent, failed, unknown] = await redis.hmget(
        batchKey(prefix, batchId),
        'total',
        'queued',
        'sending',
        'sent',
        'failed',
        'unknown',
      )
      if (total === null || total === undefined) return undefined
      const count = (value: string | null | undefined) => Number(value ?? 0)
      return {
        batchId,
        total: count(total),
        queued: count(queued),
        sending: count(sending),
        sent: count(sent),
        failed: count(failed),
        unknown: count(unknown),
      }
    },

    async *outcomes(batchId) {
      const members = membersKey(prefix, batchId)
      const seen = new Set<string>() // SSCAN may give a member twice
      let cursor = '0'
      do {
        const [next, numbers] = await redis.sscan(members, cursor, 'COUNT', SCAN_PAGE)
        cursor = next
        const fresh = numbers.filter((number) => !seen.has(number))
        for (const number of fresh) seen.add(number)
        const pipeline = redis.pipeline()
        const keys = fresh.map((number) => recipientKey(batchId, number))
        for (const key of keys) pipeline.hgetall(outcomeKey(prefix, key))
        const hashes = (await pipeline.exec()) ?? []
        for (const [i, [error, hash]] of hashes.entries()) {
          const outcome = error ? undefined : toOutcome(keys[i]!, hash as Record<string, string>)
          if (outcome) yield outcome satisfies SmsOutcome
        }
      } while (cursor !== '0')
    },

    async retry(key) {
      refuseWhenClosed()
      const found = (await scripts.smsRetry(scriptPrefix, key, Date.now(), retentionMs)) as
        | [string, string, string]
        | null
      if (found === null) return false
      const [to, message, sender] = found
      // A fresh job id: the earlier job may still exist, finished.
      const data = { keys: [key], to: [to], message, sender, bulk: false }
      await queue.add('send', data, { ...jobOptions([key, crypto.randomUUID()]) })
      return true
    },

    async drain() {
      for (;;) {
        const counts = await queue.getJobCounts(
          'wait',
          'active',
          'delayed',
          'prioritized',
          'waiting-children',
        )
        const tracked = await redis.zcount(trackingKey(prefix), Date.now(), '+inf')
        if (Object.values(counts).every((count) => count === 0) && tracked === 0) return
        await new Promise((resolve) => setTimeout(resolve, drainIntervalMs))
      }
    },

    async close() {
      closed = true
      await queue.close()
      await connection.release()
    },
  }
}
