// Codes that mean no connection was ever made, so no byte of the request reached the gateway:
// refused, no route, DNS failure, and undici's connect (handshake) timeout.
const NEVER_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  // Bun's name for a refused connection.
  'ConnectionRefused',
])

/**
 * Every system error code found in a failed fetch: Node's fetch throws
 * `TypeError('fetch failed')` with the socket error as `cause`, and Happy Eyeballs connects
 * (several addresses tried) give an `AggregateError` with one error per address.
 *
 * @example
 * ```ts
 * failureCodes(await fetch(url).catch((e) => e)) // ['ECONNREFUSED']
 * ```
 */
export function failureCodes(error: unknown): string[] {
  const codes: string[] = []
  const seen = new Set<unknown>()
  const visit = (value: unknown, depth: number): void => {
    if (typeof value !== 'object' || value === null || seen.has(value) || depth > 8) return
    seen.add(value)
    const { code, cause, errors } = value as { code?: unknown; cause?: unknown; errors?: unknown }
    if (typeof code === 'string') codes.push(code)
    visit(cause, depth + 1)
    for (const inner of Array.isArray(errors) ? errors : []) visit(inner, depth + 1)
  }
  visit(error, 0)
  return codes
}

/**
 * True only when a failed fetch certainly never reached the gateway: every error code found
 * (`failureCodes` of the failure) says no connection was made. Anything else (a reset, a
 * closed socket, an unknown failure) may have delivered the request.
 *
 * @example
 * ```ts
 * if (neverReachedGateway(failureCodes(error))) retrySafely()
 * ```
 */
export function neverReachedGateway(codes: string[]): boolean {
  return codes.length > 0 && codes.every((code) => NEVER_CONNECTED.has(code))
}
