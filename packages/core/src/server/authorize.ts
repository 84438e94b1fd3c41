/**
 * The `authorize` hook: routes that spend credits or read account data refuse to exist without
 * one, because an SMS route open to the internet spends the owner's money for strangers.
 */
import { IprogError } from '../errors.js'
import { IprogForbiddenError } from './errors.js'
import type { AnySmsOperation, OperationName } from './operations.js'

/** What `authorize` sees: the operation, its validated input, the request headers, the client address. */
export interface AuthorizeContext {
  operation: OperationName
  input: unknown
  headers: Headers
  ip: string
}

/**
 * Says whether a request may run an operation. Return `false` for 403; throw
 * `IprogUnauthorizedError` for 401 (no credentials at all).
 */
export type Authorize = (context: AuthorizeContext) => boolean | Promise<boolean>

/**
 * Checks the hook at setup: throws when a guarded operation has none, logs once for `'public'`.
 *
 * @example
 * ```ts
 * assertAuthorizeConfigured(operations, options.authorize, console)
 * ```
 */
export function assertAuthorizeConfigured(
  operations: readonly AnySmsOperation[],
  authorize: Authorize | 'public' | undefined,
  logger: { warn(message: string): void },
): void {
  const guarded = operations.filter((op) => op.needsAuthorize).map((op) => op.name)
  if (guarded.length === 0) return
  if (authorize === 'public') {
    logger.warn(
      `[iprog-sms] authorize: 'public' - ${guarded.join(', ')} are open to anyone who can reach this server and spend your credits.`,
    )
    return
  }
  if (typeof authorize !== 'function') {
    throw new IprogError(
      'authorize_required',
      `An \`authorize\` option is required: ${guarded.join(', ')} spend credits or read account data, ` +
        'so without a check anyone who can reach this server sends SMS on your account. ' +
        "Pass e.g. `authorize: (ctx) => ctx.headers.get('x-api-key') === process.env.SMS_ROUTES_KEY`, " +
        "or `authorize: 'public'` if the routes are only reachable from a trusted network.",
    )
  }
}

/**
 * Runs the hook for one request; throws `IprogForbiddenError` when it says no. A hook that answers
 * synchronously (a key compare, the common case) is checked synchronously: awaiting a boolean
 * costs a promise and a turn of the microtask queue on every request of an otherwise cheap route.
 *
 * @example
 * ```ts
 * await checkAuthorized(authorize, { operation: 'messages.send', input, headers, ip })
 * ```
 */
export function checkAuthorized(
  authorize: Authorize | 'public' | undefined,
  context: AuthorizeContext,
): void | Promise<void> {
  if (authorize === 'public') return
  // Fail closed: a missing hook never means "allowed".
  if (authorize === undefined) throw new IprogForbiddenError()
  const allowed = authorize(context)
  if (allowed === true) return
  if (allowed === false) throw new IprogForbiddenError()
  // A promise (or any thenable) is awaited; anything else is not `true`, so it refuses there.
  return Promise.resolve(allowed).then(requireAllowed)
}

// Only `true` allows: a truthy string or object from a careless hook is a refusal.
function requireAllowed(allowed: boolean): void {
  if (allowed !== true) throw new IprogForbiddenError()
}
