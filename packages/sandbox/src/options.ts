import type { BatchSource } from './engine/batches.js'

/**
 * How a sandbox behaves. Everything has a default, so `createSandbox()` alone gives a working
 * gateway with one token.
 */

/** Settings that can also change while the sandbox runs (`sandbox.configure`). */
export interface SandboxBehaviour {
  /** How long a message stays `pending` before it settles, in sandbox-clock ms. Default 2000. */
  statusDelayMs: number
  /** Numbers (any of `639…`, `09…`) whose messages settle as `failed`. Default none. */
  failNumbers: string[]
  /**
   * Numbers or prefixes (`0918`, `63919…`) treated as Smart/TNT: a send to them without
   * `sender_name` is refused with the gateway's 402 array-message reply. Default none.
   */
  smartTntPrefixes: string[]
  /**
   * `false` (default): refusals reply HTTP 200 with the code only in the body, as the gateway
   * does. `true`: the HTTP status repeats the body code (500, 402).
   */
  httpStatusMirrorsBody: boolean
}

export interface SandboxOptions extends Partial<SandboxBehaviour> {
  /**
   * The app's delivery queues (`createSmsQueue` of `@iprog-sms/core/queue` or
   * `@iprog-sms/bullmq`): the inbox shows the progress of each batch they take, live. Also
   * `sandbox.watchBatches(queue)`, for a queue made after the sandbox.
   */
  queues?: BatchSource[]
  /** Token → credits. Default `{ 'sandbox-token': 1000 }`. */
  tokens?: Record<string, number>
  /** Where the sandbox clock starts. Default: now. */
  startTime?: Date | string | number
  /** Start with the clock frozen (tests move it with `clock.set` / `clock.advance`). */
  freezeClock?: boolean
  /** Seed for message ids, OTP codes and fault rates, so runs repeat. Default: random. */
  seed?: number
  /**
   * Captured messages kept, oldest dropped first: a whole number (0 keeps none) or `Infinity`.
   * Default 100 000.
   */
  maxMessages?: number
}

export const DEFAULT_TOKEN = 'sandbox-token'
export const DEFAULT_CREDITS = 1000

export const DEFAULT_BEHAVIOUR: SandboxBehaviour = {
  statusDelayMs: 2000,
  failNumbers: [],
  smartTntPrefixes: [],
  httpStatusMirrorsBody: false,
}
