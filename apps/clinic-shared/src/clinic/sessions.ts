/**
 * Signed-in patients, in memory: a random token (the cookie's value) to a verified phone
 * number. One process only, like the default OTP store; a real clinic keeps sessions where its
 * other instances can see them (its database, Redis).
 */
import { randomBytes } from 'node:crypto'

export interface Patient {
  /** Verified, normalised `639XXXXXXXXX`. */
  phone: string
}

export interface Sessions {
  /** Starts a session for a verified phone; answers its token. */
  start(phone: string): string
  /** The patient of a live session, or `undefined`. */
  find(token: string | undefined): Patient | undefined
  /** Every phone with a live session, once each: who an announcement goes to. */
  phones(): string[]
}

export interface SessionOptions {
  /** How long a sign-in lasts. Default 12 hours. */
  ttlMs?: number
  /** Most sessions kept; past it the oldest go first, so memory stays bounded. Default 10 000. */
  maxSessions?: number
  now?: () => number
}

export const DEFAULT_SESSION_TTL_MS = 12 * 3_600_000

/**
 * @example
 * ```ts
 * const sessions = createSessions()
 * const token = sessions.start('639171234567')
 * sessions.find(token) // { phone: '639171234567' }
 * ```
 */
export function createSessions(options: SessionOptions = {}): Sessions {
  const ttlMs = options.ttlMs ?? DEFAULT_SESSION_TTL_MS
  const maxSessions = options.maxSessions ?? 10_000
  const now = options.now ?? Date.now
  // Insertion order is age order: the head is always the oldest session.
  const live = new Map<string, { phone: string; expiresAt: number }>()

  const dropExpired = () => {
    for (const [token, session] of live) {
      if (session.expiresAt > now()) return
      live.delete(token)
    }
  }

  return {
    start(phone) {
      dropExpired()
      while (live.size >= maxSessions) live.delete(live.keys().next().value as string)
      // 256 random bits: not guessable, and nothing in it says who it belongs to.
      const token = randomBytes(32).toString('base64url')
      live.set(token, { phone, expiresAt: now() + ttlMs })
      return token
    },
    find(token) {
      const session = token === undefined ? undefined : live.get(token)
      if (session === undefined || session.expiresAt <= now()) return undefined
      return { phone: session.phone }
    },
    phones() {
      dropExpired()
      return [...new Set([...live.values()].map((session) => session.phone))]
    },
  }
}
