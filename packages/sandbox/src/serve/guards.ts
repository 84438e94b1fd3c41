/**
 * What keeps a sandbox left running on a laptop out of reach of the web pages its owner visits.
 * The sandbox has no auth and a published default token; any page can send requests to
 * 127.0.0.1 (a form, a `no-cors` fetch) and, by DNS rebinding, even read the replies under a
 * name of its own. So a request that says it comes from another origin is refused, and so is
 * one addressed to a name that is not the loopback address the sandbox is bound to.
 */
import type { SandboxRequest } from './wire.js'

/**
 * Whether a browser sent the request from a page of another origin. Browsers send `Origin`
 * with every cross-origin request and every POST (a sandboxed or `file:` page sends `null`);
 * servers and test clients send none, and the inbox's own requests carry the sandbox's origin.
 *
 * @example
 * ```ts
 * isForeignOrigin({ origin: 'http://127.0.0.1:4010', callerOrigin: 'https://example.com', … }) // true
 * ```
 */
export function isForeignOrigin(request: SandboxRequest): boolean {
  const caller = request.callerOrigin
  return caller !== undefined && caller.toLowerCase() !== request.origin.toLowerCase()
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]']

/**
 * `::1` → `[::1]`: the form a `Host` header and a URL write an IPv6 address in.
 *
 * @example
 * ```ts
 * hostForUrl('::1') // '[::1]'
 * ```
 */
export function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host
}

function isLoopback(host: string): boolean {
  const name = host.toLowerCase()
  return name === 'localhost' || name === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)
}

/**
 * The `Host` headers a sandbox bound to `host` answers: its loopback names with the port, or
 * `undefined` (any name) when it was bound to something else on purpose (`0.0.0.0`, a LAN
 * address, a container's name), where the names it is reached by cannot be known.
 *
 * @example
 * ```ts
 * allowedHosts('127.0.0.1', 4010)?.has('localhost:4010') // true
 * allowedHosts('0.0.0.0', 4010) // undefined
 * ```
 */
export function allowedHosts(host: string, port: number): ReadonlySet<string> | undefined {
  if (!isLoopback(host)) return undefined
  const names = new Set([...LOOPBACK_NAMES, hostForUrl(host.toLowerCase())])
  const hosts = new Set<string>()
  for (const name of names) {
    hosts.add(`${name}:${port}`)
    // A browser leaves the default port out of `Host`.
    if (port === 80) hosts.add(name)
  }
  return hosts
}

/** Why a request from another origin is refused (HTTP 403). */
export const FOREIGN_ORIGIN_MESSAGE =
  'Cross-origin request refused: the sandbox takes requests from servers and its own inbox only.'

/**
 * Why a request to another name is refused (HTTP 403).
 *
 * @example
 * ```ts
 * foreignHostMessage('attacker.example:4010') // 'Host "attacker.example:4010" refused: …'
 * ```
 */
export function foreignHostMessage(host: string | undefined): string {
  return `Host ${JSON.stringify(host ?? '')} refused: the sandbox is bound to a loopback address; start it with --host to serve other names.`
}
