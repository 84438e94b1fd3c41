/**
 * The session cookie: httpOnly (page scripts cannot read it), SameSite=Lax (a cross-site POST
 * does not carry it), scoped to the whole site. The frameworks differ in cookie helpers (Express
 * has no parser built in, Fastify needs a plugin, tRPC none), so the apps share these two plain
 * functions over the raw headers.
 */
import { DEFAULT_SESSION_TTL_MS } from '../clinic/sessions.js'

export const SESSION_COOKIE = 'clinic_session'

/**
 * The `Set-Cookie` value for a new session. Add `secure: true` behind HTTPS (any real
 * deployment), so the cookie never travels in clear text.
 *
 * @example
 * ```ts
 * res.setHeader('set-cookie', sessionCookie(token))
 * ```
 */
export function sessionCookie(token: string, options: { secure?: boolean } = {}): string {
  const maxAge = Math.floor(DEFAULT_SESSION_TTL_MS / 1000)
  const secure = options.secure ? '; Secure' : ''
  return `${SESSION_COOKIE}=${token}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure}`
}

/**
 * The session token from a `Cookie` request header, if there is one.
 *
 * @example
 * ```ts
 * readSessionCookie('theme=dark; clinic_session=abc') // 'abc'
 * ```
 */
export function readSessionCookie(cookieHeader: string | null | undefined): string | undefined {
  if (!cookieHeader) return undefined
  for (const pair of cookieHeader.split(';')) {
    const separator = pair.indexOf('=')
    if (separator === -1) continue
    if (pair.slice(0, separator).trim() === SESSION_COOKIE) {
      const value = pair.slice(separator + 1).trim()
      return value.length > 0 ? value : undefined
    }
  }
  return undefined
}
