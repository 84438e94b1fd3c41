/**
 * The shared state one sandbox's endpoints work on, and the records it holds. The records live
 * here, not beside their endpoints, so the endpoint modules need only this file to share them.
 */
import type { MessageAnalysis } from '@iprog-sms/core'
import type { Accounts } from './engine/accounts.js'
import type { SandboxClock } from './engine/clock.js'
import type { EventHub } from './engine/events.js'
import type { FaultStore } from './engine/faults.js'
import type { MessageStore } from './engine/message-store.js'
import { prefixToGatewayForm } from './gateway/phone.js'
import type { SandboxBehaviour } from './options.js'

/** Which endpoint put a message in the inbox. */
export type MessageSource = 'send' | 'bulk' | 'otp' | 'reminder'

/** A captured message, as the sandbox keeps it (with its token). */
export interface MessageRecord {
  id: string
  token: string
  /** `639XXXXXXXXX`. */
  to: string
  /** As the caller wrote it (`09…` or `639…`). */
  phoneNumber: string
  message: string
  encoding: MessageAnalysis['encoding']
  parts: number
  status: 'pending' | 'completed' | 'failed'
  source: MessageSource
  senderName: string | undefined
  smsProvider: number | undefined
  createdAt: number
  updatedAt: number
}

/** An issued one-time code. */
export interface OtpRecord {
  token: string
  to: string
  code: string
  message: string
  messageId: string
  createdAt: number
  expiresAt: number
  /** Set once verified: the code cannot be used again. */
  confirmed: boolean
}

/** A scheduled message. */
export interface ReminderRecord {
  id: number
  token: string
  phoneNumber: string
  to: string
  message: string
  scheduledAt: number
  status: 'scheduled' | 'sent' | 'failed'
  createdAt: number
  updatedAt: number
  /** The inbox message once sent. */
  messageId: string | undefined
  /** Bumped on every reschedule and on delete, so a stale agenda entry does nothing. */
  version: number
}

/** Behaviour with its number lists already in `639…` form for quick matching. */
export interface ResolvedBehaviour extends SandboxBehaviour {
  failSet: ReadonlySet<string>
  smartTnt: readonly string[]
}

export interface SandboxState {
  behaviour: ResolvedBehaviour
  clock: SandboxClock
  random: () => number
  accounts: Accounts
  events: EventHub
  faults: FaultStore
  /** Captured messages, oldest first, found by id. */
  messages: MessageStore<MessageRecord>
  maxMessages: number
  /** Every OTP issued, oldest first; `latestOtp` points at the one a verify checks. */
  otps: OtpRecord[]
  latestOtp: Map<string, OtpRecord>
  reminders: Map<number, ReminderRecord>
  nextReminderId: number
  /** Queue `task` for a moment of the sandbox clock. */
  schedule(at: number, task: () => void): void
  /** Queue a message's status to settle at a moment of the sandbox clock. */
  settleAt(at: number, record: MessageRecord): void
}

/**
 * Tells live listeners (the inbox) the balances after they changed: a charge, or a control.
 *
 * @example
 * ```ts
 * if (state.accounts.charge(token, 2)) publishBalances(state)
 * ```
 */
export function publishBalances(state: SandboxState): void {
  state.events.publish('balance', () => ({ balances: state.accounts.all() }))
}

/**
 * Fills in the derived lists of a behaviour.
 *
 * @example
 * ```ts
 * resolveBehaviour({ ...DEFAULT_BEHAVIOUR, failNumbers: ['09170000000'] }).failSet.has('639170000000') // true
 * ```
 */
export function resolveBehaviour(behaviour: SandboxBehaviour): ResolvedBehaviour {
  // Checked here because the control API passes JSON straight in.
  if (!Number.isFinite(behaviour.statusDelayMs) || behaviour.statusDelayMs < 0) {
    throw new RangeError('statusDelayMs must be a number >= 0')
  }
  for (const key of ['failNumbers', 'smartTntPrefixes'] as const) {
    const list: unknown = behaviour[key]
    if (!Array.isArray(list) || !list.every((entry) => typeof entry === 'string')) {
      throw new TypeError(`${key} must be a list of strings`)
    }
  }
  if (typeof behaviour.httpStatusMirrorsBody !== 'boolean') {
    throw new TypeError('httpStatusMirrorsBody must be true or false')
  }
  return {
    statusDelayMs: behaviour.statusDelayMs,
    failNumbers: [...behaviour.failNumbers],
    smartTntPrefixes: [...behaviour.smartTntPrefixes],
    httpStatusMirrorsBody: behaviour.httpStatusMirrorsBody,
    failSet: new Set(behaviour.failNumbers.map(prefixToGatewayForm)),
    smartTnt: behaviour.smartTntPrefixes.map(prefixToGatewayForm).filter((p) => p !== ''),
  }
}
