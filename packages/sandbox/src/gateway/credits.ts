/**
 * GET /api/v1/account/sms_credits (and the guide's `accounts` spelling): the balance of a token.
 */
import type { SandboxReply } from '../serve/wire.js'
import type { SandboxState } from '../state.js'
import { type CallerRule, checkCaller } from './caller.js'
import type { Params } from './params.js'
import { GATEWAY_MESSAGES, statusSuccess } from './replies.js'

// A known token with nothing left still reads its balance of 0.
const CREDITS_RULE: CallerRule = { required: [], token: 'read' }

/**
 * The balance of the caller's token.
 *
 * @example
 * ```ts
 * creditsEndpoint(state, { api_token }) // { status: 'success', message: 'Account found.', data: { load_balance: 10 } }
 * ```
 */
export function creditsEndpoint(state: SandboxState, params: Params): SandboxReply {
  const token = checkCaller(state, params, CREDITS_RULE)
  if (typeof token !== 'string') return token
  return statusSuccess(GATEWAY_MESSAGES.accountFound, {
    load_balance: state.accounts.balance(token),
  })
}
