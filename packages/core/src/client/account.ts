import type { ClientContext } from './client-context.js'
import { readNumber, readRecord, unexpectedReply } from './http/gateway-reply.js'
import type { CallOptions, CreditsResult, SmsClient } from './types.js'

/**
 * `account.credits` over one client context. The path is the singular `account`, as the
 * gateway's documentation and every public client use (its guide's `accounts` is a typo).
 *
 * @example
 * ```ts
 * const { balance } = await createAccount(ctx).credits()
 * ```
 */
export function createAccount(ctx: ClientContext): SmsClient['account'] {
  return {
    async credits(options?: CallOptions): Promise<CreditsResult> {
      const body = await ctx.request('GET', '/api/v1/account/sms_credits', {}, options)
      const balance = readNumber(readRecord(body, 'data') ?? {}, 'load_balance')
      if (balance === undefined) throw unexpectedReply(body, 'data.load_balance', false)
      return { balance, raw: body }
    },
  }
}
