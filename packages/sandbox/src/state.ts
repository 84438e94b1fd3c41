/**
 * The shared state one sandbox's endpoints work on.
 */
import type { Accounts } from './engine/accounts.js'
import type { Agenda } from './engine/agenda.js'
import type { SandboxClock } from './engine/clock.js'
import type { EventHub } from './engine/events.js'
import type { FaultStore } from './engine/faults.js'
import type { MessageRecord } from './gateway/messages.js'
import type { OtpRecord } from './gateway/otp.js'
import { prefixToGatewayForm } from './gateway/phone.js'
import type { ReminderRecord } from './gateway/reminders.js'
import type { SandboxBehaviour } from './options.js'

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
  /** Captured messages by id, oldest first. */
  messages: Map<string, MessageRecord>
  maxMessages: number
  /** Every OTP issued, oldest first; `latestOtp` points at the one a verify checks. */
  otps: OtpRecord[]
  latestOtp: Map<string, OtpRecord>
  reminders: Map<number, ReminderRecord>
  nextReminderId: number
  /** Queue `task` for a moment of the sandbox clock. */
  schedule(at: number, task: () => void): void
  agenda: Agenda
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
  if (!Number.isFinite(behaviour.statusDelayMs) || behaviour.statusDelayMs < 0) {
    throw new RangeError('statusDelayMs must be a number >= 0')
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
