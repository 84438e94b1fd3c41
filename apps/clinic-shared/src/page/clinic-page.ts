/**
 * The clinic's page: one self-contained HTML file (inline style and script, nothing from a CDN,
 * no build step) that every app serves at `GET /`. Only two things differ between apps: whether
 * it calls REST routes or tRPC procedures, and the sandbox inbox link.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'

export interface ClinicPageOptions {
  /** `'rest'`: `/sms/otp/send`, `/api/session`, `/api/appointments`; `'trpc'`: `/trpc/<procedure>`. */
  api: 'rest' | 'trpc'
  /** The sandbox inbox, linked from the page when the app runs on the sandbox. */
  inboxUrl?: string | undefined
}

export interface ClinicPage {
  html: string
  /** Content type and a Content-Security-Policy that allows exactly the page's inline code. */
  headers: Record<string, string>
}

const template = readFileSync(new URL('./clinic-page.html', import.meta.url), 'utf8')

/**
 * @example
 * ```ts
 * const page = clinicPage({ api: 'rest', inboxUrl: sandbox?.url })
 * app.get('/', (_req, res) => res.set(page.headers).send(page.html))
 * ```
 */
export function clinicPage(options: ClinicPageOptions): ClinicPage {
  const inbox = escapeAttribute(options.inboxUrl ? `${options.inboxUrl}/` : '')
  const html = template.replace('{{API}}', options.api).replaceAll('{{INBOX}}', inbox)
  const policy = [
    "default-src 'none'",
    `script-src '${inlineHash(html, 'script')}'`,
    `style-src '${inlineHash(html, 'style')}'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
  return {
    html,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': policy,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    },
  }
}

// The page has one <script> and one <style>; the policy names their hashes, so nothing injected
// could run.
function inlineHash(html: string, tag: 'script' | 'style'): string {
  const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(html)
  if (match?.[1] === undefined) throw new Error(`clinic-page.html has no <${tag}>`)
  return `sha256-${createHash('sha256').update(match[1]).digest('base64')}`
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
}
