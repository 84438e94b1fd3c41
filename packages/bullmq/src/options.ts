/** Options both sides share, and their defaults. */
import { IprogValidationError } from '@iprog-sms/core'
import type { KeepJobs } from 'bullmq'
import type { SmsConnection } from './connection.js'

export interface SharedOptions {
  /** An ioredis client (with `maxRetriesPerRequest: null`), ioredis options or a `redis://` URL. */
  connection: SmsConnection
  /** Start of every Redis key this package writes, BullMQ's included. Default `iprog-sms`. */
  prefix?: string
  /**
   * How long an outcome and a batch are kept after their last change, for `outcome`, `batch`,
   * `outcomes` and de-duplication (a key enqueued again after that is sent again). Default 7 days.
   */
  retentionMs?: number
}

export const DEFAULT_PREFIX = 'iprog-sms'
export const DEFAULT_RETENTION_MS = 7 * 86_400_000

/** BullMQ's job retention: finished jobs are only kept for inspection; outcomes hold the result. */
export interface JobRetention {
  /** Default `{ age: 3600, count: 1000 }`: outcomes, not jobs, are the record of a send. */
  removeOnComplete?: KeepJobs
  /** Default `{ age: 7 days }`: a job that ended with a failed or unknown recipient stays inspectable. */
  removeOnFail?: KeepJobs
}

/**
 * A number option: the default when absent, else it must be finite and at least `min`.
 *
 * @example
 * ```ts
 * numberOption(options.chunkSize, 500, 1, 'chunkSize')
 * ```
 */
export function numberOption(value: unknown, fallback: number, min: number, name: string): number {
  if (value === undefined) return fallback
  if (!(typeof value === 'number' && Number.isFinite(value) && value >= min)) {
    throw new IprogValidationError(`${name} must be a number of at least ${min}`, [
      { path: [name], message: `${name} must be a number of at least ${min}` },
    ])
  }
  return value
}

/**
 * The key prefix, checked: BullMQ and the scripts join keys with `:`.
 *
 * @example
 * ```ts
 * prefixOption(undefined) // 'iprog-sms'
 * ```
 */
export function prefixOption(prefix: string | undefined): string {
  const resolved = prefix ?? DEFAULT_PREFIX
  if (!/^[\w.~{}-]{1,64}$/.test(resolved)) {
    const message = 'prefix must be 1-64 letters, digits or _ . ~ - { }'
    throw new IprogValidationError(message, [{ path: ['prefix'], message }])
  }
  return resolved
}
