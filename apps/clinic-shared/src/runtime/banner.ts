/**
 * What an app prints once it listens: its URL, the sandbox inbox (or that SMS are real), the
 * staff key, and a few requests to try. The tests read the `App:` and `Inbox:` lines.
 */
import type { AppConfig } from './app-config.js'

export interface BannerFacts {
  /** `Express`, `Hono`, `Fastify`, `tRPC`. */
  framework: string
  url: string
  /** The in-process sandbox, when no token is set. */
  sandboxUrl: string | undefined
  config: AppConfig
  api: 'rest' | 'trpc'
}

/**
 * @example
 * ```ts
 * console.log(banner({ framework: 'Express', url: app.url, sandboxUrl: app.sandbox?.url, config, api: 'rest' }))
 * ```
 */
export function banner(facts: BannerFacts): string {
  const { url, sandboxUrl, config } = facts
  const lines = [`Kalinga Clinic (${facts.framework} example) is running.`, `  App:   ${url}/`]
  if (sandboxUrl) {
    lines.push(
      `  Inbox: ${sandboxUrl}/   (sandbox: no IPROG_SMS_API_TOKEN, nothing leaves this machine)`,
    )
  } else {
    lines.push(
      '  SMS go through the real IPROG gateway (IPROG_SMS_API_TOKEN is set) and cost credits.',
    )
  }
  lines.push(
    config.routesKeyGenerated
      ? `  Staff key: ${config.routesKey}   (random; set SMS_ROUTES_KEY to choose it)`
      : '  Staff key: the value of SMS_ROUTES_KEY',
  )
  const key = config.routesKeyGenerated ? config.routesKey : '$SMS_ROUTES_KEY'
  const json = "-H 'content-type: application/json'"
  const announce =
    facts.api === 'rest'
      ? `curl -X POST ${url}/api/announcements ${json} -H 'x-api-key: ${key}' -d '{"message":"The clinic is closed on Monday."}'`
      : `curl -X POST ${url}/trpc/clinic.announce ${json} -H 'x-api-key: ${key}' -d '{"message":"The clinic is closed on Monday."}'`
  const segments =
    facts.api === 'rest'
      ? `curl -X POST ${url}/sms/segments ${json} -d '{"text":"Salamat po! ₱100"}'`
      : `curl -X POST ${url}/trpc/sms.segments ${json} -d '{"text":"Salamat po! ₱100"}'`
  lines.push(
    '',
    `Open ${url}/ to sign in and book. Staff announce to every signed-in patient with:`,
    `  ${announce}`,
    `  ${segments}`,
    '',
    'Ctrl-C stops it.',
  )
  return lines.join('\n')
}
