/**
 * `@iprog-sms/core/queue`: the delivery queue's interface and its embedded engine, plus the
 * rules every engine shares (input checks, key derivation, what a failed send means), which
 * `@iprog-sms/bullmq` builds on.
 */
export type { BatchListener, BatchListeners } from './batch-listeners.js'
export { createBatchListeners } from './batch-listeners.js'
export type { EmbeddedQueueOptions, TrackDeliveryOptions } from './embedded-queue.js'
export { createSmsQueue } from './embedded-queue.js'
export type { PreparedBulk, PreparedSend, SenderFields } from './prepare.js'
export { chunked, prepareBulk, prepareSend, recipientKey } from './prepare.js'
export type {
  ResolvedRetryPolicy,
  RetryPolicy,
  SendFailure,
  SendVerdict,
} from './send-policy.js'
export {
  errorInfo,
  judgeError,
  judgeFailure,
  resolveRetryPolicy,
  retryDelay,
} from './send-policy.js'
export type { TokenBucket, TokenBucketOptions } from './token-bucket.js'
export { createTokenBucket } from './token-bucket.js'
export type {
  BatchProgress,
  EnqueueBulkInput,
  EnqueueBulkResult,
  EnqueueInput,
  EnqueueResult,
  QueueClient,
  SmsDeliveryState,
  SmsOutcome,
  SmsOutcomeState,
  SmsQueue,
} from './types.js'
