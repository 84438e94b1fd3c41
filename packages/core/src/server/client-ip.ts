/**
 * Which address the per-IP OTP limit counts. `X-Forwarded-For` is written by whoever sends the
 * request, so it is trusted only as far as the operator says proxies sit in front.
 */

/**
 * How far to trust `X-Forwarded-For`: `false` (default) uses the socket address; `true` trusts
 * the whole header (its left-most entry); a number trusts that many proxy hops in front of the
 * server (the entry that many places from the right).
 */
export type TrustProxy = boolean | number

/** What an adapter knows about the connection. */
export interface ClientIpContext {
  headers: Headers
  /** The TCP peer (`req.socket.remoteAddress`), when the runtime exposes one. */
  remoteAddress: string | undefined
}

/**
 * The client address by the `trustProxy` rule; `'unknown'` when nothing is known (all such
 * requests then share one per-IP budget: configure `getClientIp` on runtimes without sockets).
 *
 * @example
 * ```ts
 * resolveClientIp({ headers, remoteAddress: '10.0.0.2' }, 1) // the address the proxy saw
 * ```
 */
export function resolveClientIp(context: ClientIpContext, trustProxy: TrustProxy = false): string {
  const socket = context.remoteAddress ? normalizeAddress(context.remoteAddress) : undefined
  const forwarded = readsForwardedFor(trustProxy) ? context.headers.get('x-forwarded-for') : null
  if (!forwarded) return socket ?? 'unknown'
  const chain = forwarded
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map(normalizeAddress)
  if (socket !== undefined) chain.push(socket)
  const hops = trustProxy === true ? chain.length - 1 : Number(trustProxy)
  return chain[Math.max(0, chain.length - 1 - hops)] ?? socket ?? 'unknown'
}

/**
 * Whether `resolveClientIp` reads the headers under this `trustProxy`; when it does not, the
 * socket address alone decides, so a caller may skip building the headers.
 *
 * @example
 * ```ts
 * readsForwardedFor(false) // false
 * readsForwardedFor(1) // true
 * ```
 */
export function readsForwardedFor(trustProxy: TrustProxy = false): boolean {
  return trustProxy !== false && trustProxy !== 0
}

// An IPv4 client on a dual-stack socket shows up as `::ffff:203.0.113.7`; both spellings must hit
// one counter.
function normalizeAddress(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address
}
