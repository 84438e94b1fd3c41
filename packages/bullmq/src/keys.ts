/**
 * Where everything lives in Redis, under one prefix (`iprog-sms` by default):
 * - `{prefix}:o:{key}`: the record of one single send (a hash: the packed record, to, message);
 * - `{prefix}:b:{batchId}`: a batch's message and progress counters (a hash), `…:s` its
 *   recipients' packed records (a hash, field = the number), beside the chunks' one-step claims
 *   (`c:{jobId}`) and settled runs' answers (`a:{token}`) that some records read through;
 * - `{prefix}:tracking`: sent messages whose final status is awaited (a sorted set by when each
 *   is next polled; see `tracking.ts`);
 * - `{prefix}:sms:*`: BullMQ's own keys for the `sms` queue.
 * Several keys are built inside the Lua scripts from the prefix, so this is for one Redis
 * server (or a replicated primary), not Redis Cluster.
 */
import { createHash } from 'node:crypto'

/** The BullMQ queue name under the prefix. */
export const QUEUE_NAME = 'sms'

/** What the scripts put before every key they build (`iprog-sms:`). */
export const keyPrefix = (prefix: string) => `${prefix}:`
export const outcomeKey = (prefix: string, key: string) => `${keyPrefix(prefix)}o:${key}`
export const batchKey = (prefix: string, batchId: string) => `${keyPrefix(prefix)}b:${batchId}`
export const recordsKey = (prefix: string, batchId: string) => `${batchKey(prefix, batchId)}:s`
export const trackingKey = (prefix: string) => `${keyPrefix(prefix)}tracking`

/**
 * A job id from what the job holds, so the same chunk added twice (a retried request, a second
 * instance) is one BullMQ job while it exists. BullMQ ids may not contain `:`; a digest has none.
 *
 * @example
 * ```ts
 * jobIdFor(['promo-7:639171234567']) // 'j-…'
 * ```
 */
export function jobIdFor(keys: readonly string[]): string {
  return `j-${createHash('sha1').update(keys.join('\n')).digest('base64url')}`
}
