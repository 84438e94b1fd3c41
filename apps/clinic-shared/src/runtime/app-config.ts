/**
 * The three settings of every example app, read and checked once at startup, so a typo stops
 * the app with a sentence instead of failing on the first request.
 */
import { randomBytes } from 'node:crypto'

export interface AppConfig {
  /** `PORT`, default 3000; 0 picks a free port. */
  port: number
  /** `IPROG_SMS_API_TOKEN`: the real gateway when set, the in-process sandbox otherwise. */
  apiToken: string | undefined
  /** `IPROG_SMS_BASE_URL`, for a gateway elsewhere (rarely needed). */
  baseUrl: string | undefined
  /** `SMS_ROUTES_KEY`: the `x-api-key` of the credit-spending routes and announcements. */
  routesKey: string
  /** True when `SMS_ROUTES_KEY` was unset and a random key was made (print it). */
  routesKeyGenerated: boolean
}

/** Raised for a setting the app cannot start with; its message names every wrong setting. */
export class AppConfigError extends Error {
  override name = 'AppConfigError'
  constructor(readonly problems: string[]) {
    super(problems.join('\n'))
  }
}

const MIN_KEY_LENGTH = 16

/**
 * @example
 * ```ts
 * const config = readAppConfig(process.env) // throws AppConfigError listing what is wrong
 * ```
 */
export function readAppConfig(env: Record<string, string | undefined>): AppConfig {
  const problems: string[] = []

  const rawPort = env['PORT']?.trim()
  let port = 3000
  if (rawPort !== undefined && rawPort !== '') {
    port = /^\d{1,5}$/.test(rawPort) ? Number(rawPort) : Number.NaN
    if (!(port >= 0 && port <= 65_535)) {
      problems.push(
        `PORT must be a whole number from 0 to 65535 (0 picks a free port); got "${rawPort}".`,
      )
    }
  }

  // Never echo the token or the key: they are secrets, and this goes to a terminal or a log.
  const rawToken = env['IPROG_SMS_API_TOKEN']
  const apiToken = rawToken?.trim() || undefined
  if (rawToken !== undefined && rawToken !== '' && apiToken === undefined) {
    problems.push(
      'IPROG_SMS_API_TOKEN is only spaces: unset it to use the sandbox, or set your IPROG token.',
    )
  } else if (apiToken !== undefined && /\s/.test(apiToken)) {
    problems.push('IPROG_SMS_API_TOKEN contains a space or line break: paste the token alone.')
  }

  const baseUrl = env['IPROG_SMS_BASE_URL']?.trim() || undefined
  if (baseUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(baseUrl)) {
    problems.push(`IPROG_SMS_BASE_URL must be an http(s) URL, e.g. https://www.iprogsms.com.`)
  }

  const rawKey = env['SMS_ROUTES_KEY']
  const givenKey = rawKey?.trim() || undefined
  if (rawKey !== undefined && rawKey !== '' && givenKey === undefined) {
    problems.push('SMS_ROUTES_KEY is only spaces: unset it for a random key, or set a real one.')
  } else if (givenKey !== undefined && givenKey.length < MIN_KEY_LENGTH) {
    problems.push(
      `SMS_ROUTES_KEY must be at least ${MIN_KEY_LENGTH} characters (it guards the routes that spend credits); it has ${givenKey.length}.`,
    )
  }

  if (problems.length > 0) throw new AppConfigError(problems)
  return {
    port,
    apiToken,
    baseUrl,
    routesKey: givenKey ?? randomBytes(18).toString('base64url'),
    routesKeyGenerated: givenKey === undefined,
  }
}
