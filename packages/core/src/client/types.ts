/**
 * Public shapes of the client: options, inputs and results. Results are plain,
 * JSON-serialisable objects; `raw` keeps the gateway's own body (with the token redacted).
 */

import type { IprogError } from '../errors.js'

export interface CallOptions {
  signal?: AbortSignal
}

export interface RequestInfo {
  method: string
  /** The URL with `api_token` replaced by `[REDACTED]`. */
  url: string
  /** 1 for the first try. */
  attempt: number
}

/**
 * Observers of the client's HTTP traffic. Each gets one context object with the method, the
 * URL with `api_token` redacted, and the attempt number. `onResponse` fires for every HTTP
 * answer (error answers included), `onRetry` before each retry, `onError` once with the error
 * the call throws. Anything a hook throws is ignored: a broken logger never fails a send.
 */
export interface ClientHooks {
  onRequest?: (ctx: RequestInfo) => void
  onResponse?: (ctx: RequestInfo & { status: number; durationMs: number }) => void
  onRetry?: (ctx: RequestInfo & { delayMs: number; error: IprogError }) => void
  onError?: (ctx: RequestInfo & { durationMs: number; error: IprogError }) => void
}

export interface RetryOptions {
  /** Retries after the first try, for GETs (and POSTs that certainly never left). Default 2. */
  retries?: number
  /** First backoff ceiling in ms (full jitter). Default 300. */
  baseDelayMs?: number
  /** Largest backoff in ms, `Retry-After` included. Default 10 000. */
  maxDelayMs?: number
}

export interface ClientOptions {
  /**
   * Defaults to `process.env.IPROG_SMS_API_TOKEN` where `process` exists. Read at each call: a
   * call without a token fails with an `IprogError` of code `missing_token`.
   */
  apiToken?: string
  /** Defaults to `process.env.IPROG_SMS_BASE_URL`, else `https://www.iprogsms.com`. */
  baseUrl?: string
  /** Per-attempt timeout. Default 10 000. */
  timeoutMs?: number
  retry?: RetryOptions | false
  fetch?: typeof fetch
  /** Upstream route 0, 1 or 2, passed through on sends only when set. */
  smsProvider?: 0 | 1 | 2
  /** Approved custom sender name, passed through on sends when set. */
  senderName?: string
  hooks?: ClientHooks
  /** Messages needing more parts are refused locally. Default 10. */
  maxSegments?: number
  /** Replace lookalike characters with GSM-7 ones before sending (see `smartEncode`). */
  smartEncoding?: boolean | { pesoSign?: string }
  /**
   * Bulk: recipients per gateway call. Default 500 (the gateway documents no cap; public clients
   * batch at 1,000; 500 keeps one failed call's blast radius and body size modest).
   */
  bulkChunkSize?: number
  /** Bulk: gateway calls in flight at once. Default 4. */
  bulkConcurrency?: number
  /** Clock in ms since the epoch, for the past-time check of reminders and for tests. Default `Date.now`. */
  now?: () => number
}

export type MessageStatus = 'pending' | 'completed' | 'failed' | (string & {})

/** Local estimate of what a message costs, beside the gateway's own `smsRate`. */
export interface SegmentEstimate {
  encoding: 'GSM-7' | 'UCS-2'
  segmentCount: number
}

export interface SendInput {
  to: string
  message: string
  smsProvider?: 0 | 1 | 2
  senderName?: string
}

export interface SendResult {
  messageId: string
  /** Normalised `639XXXXXXXXX`. */
  to: string
  /** Credits charged by the gateway (= parts), when it said. */
  smsRate: number | undefined
  /** What was actually sent (after smart encoding, if on). */
  message: string
  estimate: SegmentEstimate
  statusLink: string | undefined
  gatewayMessage: string
  raw: Record<string, unknown>
}

export interface BulkInput {
  to: readonly string[]
  message: string
  smsProvider?: 0 | 1 | 2
  senderName?: string
}

export interface BulkAccepted {
  to: string
  messageId: string
  smsRate: number | undefined
}

/**
 * A recipient that did not get a confirmed message id. `rejected` means "not confirmed as
 * sent", not "certainly not sent": check `error.maybeDelivered` before resending.
 */
export interface BulkRejected {
  /** As given by the caller when invalid; normalised when the gateway refused it. */
  to: string
  error: {
    /**
     * `validation_error` (bad number), `bulk_mismatch` (the gateway's ids did not match the
     * recipients), `aborted`, or the code of the error that failed the chunk.
     */
    code: string
    message: string
    /** True when the SMS may have gone out anyway (timeout, reset, mismatch, abort mid-call). */
    maybeDelivered?: boolean
  }
}

export interface BulkResult {
  accepted: BulkAccepted[]
  rejected: BulkRejected[]
  message: string
  estimate: SegmentEstimate
}

export interface StatusResult {
  messageId: string
  status: MessageStatus
  smsCount: number | undefined
  raw: Record<string, unknown>
}

export interface WaitForStatusOptions extends CallOptions {
  /** Give up (`IprogTimeoutError`) once this long has passed without a final status. Default 120 000. */
  timeoutMs?: number
  /** First wait between polls; each next wait is 1.5 times longer, up to 10 times this. Default 2000. */
  intervalMs?: number
}

export interface CreditsResult {
  balance: number
  raw: Record<string, unknown>
}

export interface OtpSendInput {
  to: string
  /** Must contain `:otp`. */
  message?: string
  /** 4-10, default 6 (gateway default). */
  codeLength?: number
  /** 1-60, default 5 (gateway default). */
  expiresInMinutes?: number
}

export interface OtpSendResult {
  to: string
  /** The code itself: keep it server-side, never forward it to a browser. */
  code: string
  expiresAt: Date | undefined
  message: string | undefined
  raw: Record<string, unknown>
}

export interface OtpVerifyInput {
  to: string
  code: string
}

export interface OtpVerifyResult {
  verified: boolean
  message: string
  raw: Record<string, unknown>
}

export interface ReminderInput {
  to: string
  message: string
  /** A `Date` or an ISO-8601 string with an offset; sent as Manila time. */
  scheduledAt: Date | string
}

export type ReminderPatch = Partial<ReminderInput>

export interface Reminder {
  id: number
  to: string
  message: string
  scheduledAt: Date
  status: 'scheduled' | 'sent' | (string & {})
  createdAt: Date | undefined
  updatedAt: Date | undefined
  raw: Record<string, unknown>
}

/**
 * The client made by `createClient`. Every method checks its input before sending anything
 * (an `IprogValidationError` lists what is wrong), takes an optional `{ signal }`, and throws
 * only `IprogError` subclasses, none of which holds the token.
 */
export interface SmsClient {
  messages: {
    /**
     * Sends one SMS (`POST /api/v1/sms_messages`). Not retried unless the request certainly
     * never left; a timeout is an `IprogTimeoutError` with `maybeDelivered: true`.
     *
     * @example
     * ```ts
     * const { messageId, smsRate } = await sms.messages.send({ to: '0917 123 4567', message: 'Salamat po!' })
     * ```
     */
    send(input: SendInput, options?: CallOptions): Promise<SendResult>
    /**
     * Sends one message to many numbers (`POST /api/v1/sms_messages/send_bulk`), normalised and
     * de-duplicated, in chunks of `bulkChunkSize` with `bulkConcurrency` calls at once. Invalid
     * numbers and failed chunks go to `rejected`; check `error.maybeDelivered` before resending.
     *
     * @example
     * ```ts
     * const { accepted, rejected } = await sms.messages.sendBulk({ to: ['09171234567', '09181234567'], message: 'Sale!' })
     * ```
     */
    sendBulk(input: BulkInput, options?: CallOptions): Promise<BulkResult>
    /**
     * Delivery status of a sent message (`GET /api/v1/sms_messages/status`), retried on faults.
     *
     * @example
     * ```ts
     * const { status } = await sms.messages.status('iSms-abc123') // 'pending' | 'completed' | 'failed'
     * ```
     */
    status(messageId: string, options?: CallOptions): Promise<StatusResult>
    /**
     * Polls `status` with backoff until the message is `completed` or `failed` and gives that
     * result; an `IprogTimeoutError` (`maybeDelivered: false`) after `timeoutMs` without one.
     * A poll that fails after its own retries fails the wait.
     *
     * @example
     * ```ts
     * const { status } = await sms.messages.waitForStatus(messageId, { timeoutMs: 60_000 })
     * ```
     */
    waitForStatus(messageId: string, options?: WaitForStatusOptions): Promise<StatusResult>
  }
  account: {
    /**
     * Credit balance (`GET /api/v1/account/sms_credits`).
     *
     * @example
     * ```ts
     * const { balance } = await sms.account.credits()
     * ```
     */
    credits(options?: CallOptions): Promise<CreditsResult>
  }
  otp: {
    /**
     * Has the gateway make, store and text a one-time code (`POST /api/v1/otp/send_otp`).
     * The result holds the code: never pass it on to a browser.
     *
     * @example
     * ```ts
     * await sms.otp.send({ to: '09171234567', message: 'Your login code is :otp', codeLength: 6 })
     * ```
     */
    send(input: OtpSendInput, options?: CallOptions): Promise<OtpSendResult>
    /**
     * Checks a code (`POST /api/v1/otp/verify_otp`). A wrong or expired code answers
     * `verified: false`; only token, network and gateway faults throw.
     *
     * @example
     * ```ts
     * const { verified } = await sms.otp.verify({ to: '09171234567', code: '123456' })
     * ```
     */
    verify(input: OtpVerifyInput, options?: CallOptions): Promise<OtpVerifyResult>
  }
  reminders: {
    /**
     * Schedules an SMS (`POST /api/v1/message-reminders`), sent as Manila time; a past time or
     * an ISO string without an offset is refused locally.
     *
     * @example
     * ```ts
     * const reminder = await sms.reminders.create({ to: '09171234567', message: 'Bill due', scheduledAt: '2026-03-09T09:00:00+08:00' })
     * ```
     */
    create(input: ReminderInput, options?: CallOptions): Promise<Reminder>
    /**
     * Reads a reminder (`GET /api/v1/message-reminders/:id`).
     *
     * @example
     * ```ts
     * const { scheduledAt, status } = await sms.reminders.get(7)
     * ```
     */
    get(id: number, options?: CallOptions): Promise<Reminder>
    /**
     * Changes any of `to`, `message`, `scheduledAt` (`PATCH /api/v1/message-reminders/:id`).
     *
     * @example
     * ```ts
     * await sms.reminders.update(7, { message: 'Bill due tomorrow' })
     * ```
     */
    update(id: number, patch: ReminderPatch, options?: CallOptions): Promise<Reminder>
    /**
     * Cancels a reminder (`DELETE /api/v1/message-reminders/:id`); answers the deleted reminder.
     *
     * @example
     * ```ts
     * await sms.reminders.delete(7)
     * ```
     */
    delete(id: number, options?: CallOptions): Promise<Reminder>
  }
}
