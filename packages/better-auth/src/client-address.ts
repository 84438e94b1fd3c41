/**
 * Which address the per-address OTP caps count. better-auth gives plugins a Web `Request`, which
 * carries no socket address: without `trustProxy` (or `getClientIp`) every request counts against
 * one shared budget, `'unknown'`. That is safe (limits still hold) but shared, so it is logged once.
 */
import { resolveClientIp } from '@iprog-sms/core/internal'
import type { TrustProxy } from '@iprog-sms/core/server'
import { type EndpointContext, requestHeaders } from './context.js'

export interface ClientAddressOptions {
  trustProxy?: TrustProxy
  getClientIp?: (ctx: EndpointContext | undefined) => string | undefined
}

/**
 * A function giving the client address of a better-auth call by core's `trustProxy` rule.
 *
 * @example
 * ```ts
 * const addressOf = createClientAddress({ trustProxy: 1 })
 * addressOf(ctx) // the address the proxy in front saw
 * ```
 */
export function createClientAddress(
  options: ClientAddressOptions,
): (ctx: EndpointContext | undefined) => string {
  let warned = false
  return (ctx) => {
    const custom = options.getClientIp?.(ctx)
    const address =
      custom ||
      resolveClientIp(
        { headers: requestHeaders(ctx), remoteAddress: undefined },
        options.trustProxy ?? false,
      )
    if (address === 'unknown' && !warned) {
      warned = true
      ctx?.context.logger.warn(
        '@iprog-sms/better-auth: the client address is unknown (better-auth requests carry no socket address); every request shares one per-address OTP budget. Set trustProxy behind your proxy, or getClientIp.',
      )
    }
    return address
  }
}
