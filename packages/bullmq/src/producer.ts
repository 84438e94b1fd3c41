/**
 * `createSmsQueue`: the producer side, for any number of app instances. It writes each
 * recipient's `queued` record and the BullMQ jobs; the workers (`createSmsWorker`) send.
 */

import { IprogError } from '@iprog-sms/core'
import {
  chunked,
  createBatchListeners,
  type PreparedBulk,
  prepareBulk,
  prepareSend,
  type RetryPolicy,
  recipientKey,
  resolveRetryPolicy,
  type SmsQueue,
} from '@iprog-sms/core/queue'
import { type JobsOptions, Queue } from 'bullmq'
import { openConnection } from './connection.js'
import {
  batchKey,
  jobIdFor,
  keyPrefix,
  outcomeKey,
  QUEUE_NAME,
  recordsKey,
  trackingKey,
} from './keys.js'
import {
  DEFAULT_RETENTION_MS,
  type JobRetention,
  numberOption,
  prefixOption,
  type SharedOptions,
} from './options.js'
import { answeredRecords, type SmsJobData, toOutcome } from './records.js'
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
const ENQUEUE_LANES = 4
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
  const batchListeners = createBatchListeners()

  // `identity`: what the job id is derived from (its keys, or its batch id and numbers).
  const jobOptions = (identity: string[], jobId = jobIdFor(identity)): JobsOptions => ({
    jobId,
    attempts,
    backoff: { type: 'sms' },
    removeOnComplete: options.jobs?.removeOnComplete ?? { age: 3600, count: 1000 },
    removeOnFail: options.jobs?.removeOnFail ?? { age: retentionMs / 1000 },
  })

  // `jobIds`: the ids already worked out for these jobs, in order (else derived here).
  const addJobs = async (jobs: SmsJobData[], jobIds?: string[]) => {
    if (jobs.length === 0) return
    await queue.addBulk(
      jobs.map((data, i) => ({
        name: data.bulk ? 'bulk' : 'send',
        data,
        opts: jobOptions(data.keys ?? [data.batchId!, ...data.to], jobIds?.[i]),
      })),
    )
  }

  const refuseWhenClosed = () => {
    if (closed) throw new IprogError('queue_closed', 'The queue is closed: nothing was queued')
  }

  const bulkJob = (batchId: string, to: string[], message: string, sender: string) => ({
    batchId,
    to,
    message,
    sender,
    bulk: true,
  })
  const bulkJobs = (batch: PreparedBulk, numbers: string[], message: string, sender: string) =>
    chunked(numbers, chunkSize).map((to) => bulkJob(batch.batchId, to, message, sender))

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
      const enqueuePage = async (page: string[]) => {
        // The page's chunks and their jobs' ids: when the whole page is new, its records name
        // their chunk's job, which then claims them with one field (see scripts.ts).
        const chunks = chunked(page, chunkSize)
        const jobIds = chunks.map((to) => jobIdFor([batch.batchId, ...to]))
        const [fresh, waiting, message, sender] = (await scripts.smsEnqueueBulk(
          scriptPrefix,
          batch.batchId,
          Date.now(),
          retentionMs,
          batch.message,
          senderJson,
          page.join('|'),
          chunkSize,
          jobIds.join('|'),
        )) as [string, string, string, string]
        if (fresh === '*') {
          accepted += page.length
          const jobs = chunks.map((to) => ({
            ...bulkJob(batch.batchId, to, message, sender),
            chunk: true,
          }))
          return addJobs(jobs, jobIds)
        }
        const split = (joined: string) => (joined === '' ? [] : joined.split('|'))
        const [freshNumbers, waitingNumbers] = [split(fresh), split(waiting)]
        accepted += freshNumbers.length
        // After the page's records exist: a worker claims only recipients it finds queued.
        await addJobs([
          ...bulkJobs(batch, freshNumbers, message, sender),
          ...bulkJobs(batch, waitingNumbers, message, sender),
        ])
      }
      // A few pages in flight: round trips overlap, and no script holds Redis for long.
      const pages = chunked(batch.recipients, ENQUEUE_PAGE)
      let next = 0
      const lane = async () => {
        while (next < pages.length) await enqueuePage(pages[next++]!)
      }
      await Promise.all(Array.from({ length: Math.min(ENQUEUE_LANES, pages.length) }, lane))
      batchListeners.notify(batch.batchId)
      return {
        batchId: batch.batchId,
        accepted,
        duplicates: batch.recipients.length - accepted,
        rejected: batch.rejected,
      }
    },

    onBatch: (listener) => batchListeners.add(listener),

    async outcome(key) {
      if (typeof key !== 'string') return undefined
      const [record, to] = await redis.hmget(outcomeKey(prefix, key), 'r', 'to')
      if (record && to) return toOutcome({ key, to }, record)
      // A batch recipient: `batchId:number`, its record a field of the batch's hash.
      const at = key.lastIndexOf(':')
      if (at < 1) return undefined
      const [batchId, number] = [key.slice(0, at), key.slice(at + 1)]
      const records = recordsKey(prefix, batchId)
      const packed = await redis.hget(records, number)
      if (!packed) return undefined
      const answered = answeredRecords((field) => redis.hget(records, field))
      return toOutcome({ key, to: number, batchId }, await answered.resolve(number, packed))
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
      const records = recordsKey(prefix, batchId)
      const seen = new Set<string>() // HSCAN may give a field twice
      const answered = answeredRecords((field) => redis.hget(records, field))
      let cursor = '0'
      do {
        const [next, flat] = await redis.hscan(records, cursor, 'COUNT', SCAN_PAGE)
        cursor = next
        // Runs' answers and chunks' claims first (fields `a:{token}`, `c:{jobId}`; numbers are
        // digits only): they are not recipients, and the page's records may read through them.
        for (let i = 0; i < flat.length; i += 2) {
          if (flat[i]!.includes(':')) answered.known(flat[i]!, flat[i + 1]!)
        }
        for (let i = 0; i < flat.length; i += 2) {
          const number = flat[i]!
          if (number.includes(':') || seen.has(number)) continue
          seen.add(number)
          const packed = await answered.resolve(number, flat[i + 1]!)
          yield toOutcome({ key: recipientKey(batchId, number), to: number, batchId }, packed)
        }
      } while (cursor !== '0')
    },

    async retry(key) {
      refuseWhenClosed()
      if (typeof key !== 'string') return false
      const now = Date.now()
      const single = (await redis.exists(outcomeKey(prefix, key))) === 1
      const at = key.lastIndexOf(':')
      if (!single && at < 1) return false
      const [batchId, item] = single ? ['', key] : [key.slice(0, at), key.slice(at + 1)]
      const found = (await scripts.smsRetry(scriptPrefix, now, retentionMs, batchId, item)) as
        | [string, string, string]
        | null
      if (found === null) return false
      const [to, message, sender] = found
      const data: SmsJobData = {
        ...(batchId ? { batchId } : {}),
        keys: [key],
        to: [to],
        message,
        sender,
        bulk: false,
      }
      // A fresh job id: the earlier job may still exist, finished.
      await queue.add('send', data, jobOptions([key, crypto.randomUUID()]))
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
        const tracked = await redis.zcard(trackingKey(prefix))
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
