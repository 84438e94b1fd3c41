/**
 * The checks every gateway endpoint opens with, in the gateway's order: the required parameters
 * first, then the token. One place, so every endpoint refuses a bad call with the same words.
 */
import type { SandboxReply } from '../serve/wire.js'
import type { SandboxState } from '../state.js'
import type { Params } from './params.js'
import { GATEWAY_MESSAGES, gatewayError } from './replies.js'

export interface CallerRule {
  /** Parameters that must be present and not empty, checked before the token. */
  required: readonly string[]
  /** The refusal when one of them is missing, built only then. Default: the token refusal. */
  missing?: (mirror: boolean) => SandboxReply
  /**
   * `spend`: the token must exist and hold credits (the gateway refuses both with the same
   * words); `read`: it only has to exist, so a drained account still reads its data.
   */
  token: 'spend' | 'read'
}

/**
 * The gateway's refusal of a token that is unknown, or that has nothing left to spend.
 *
 * @example
 * ```ts
 * tokenRefused(state).body // '{"status":500,"message":"Invalid api token or no load balance"}'
 * ```
 */
export function tokenRefused(state: SandboxState): SandboxReply {
  return gatewayError(state.behaviour.httpStatusMirrorsBody, GATEWAY_MESSAGES.auth)
}

/**
 * Runs the opening checks of an endpoint: the caller's token when they pass, else the refusal
 * to reply with.
 *
 * @example
 * ```ts
 * const token = checkCaller(state, params, { required: ['api_token', 'phone_number'], token: 'spend' })
 * if (typeof token !== 'string') return token
 * ```
 */
export function checkCaller(
  state: SandboxState,
  params: Params,
  rule: CallerRule,
): string | SandboxReply {
  for (const name of rule.required) {
    if (params[name]) continue
    return rule.missing?.(state.behaviour.httpStatusMirrorsBody) ?? tokenRefused(state)
  }
  const token = params.api_token
  if (!token) return tokenRefused(state)
  const allowed =
    rule.token === 'spend' ? (state.accounts.balance(token) ?? 0) > 0 : state.accounts.has(token)
  return allowed ? token : tokenRefused(state)
}
