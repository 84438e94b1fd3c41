/**
 * Cross-site bodies: what a page on another site can post without a CORS preflight (text/plain,
 * a form, multipart, a body with no Content-Type), with the victim's session cookie, to every
 * adapter. Counts SMS that reached the sandbox. The promise: a body not declared JSON is a 415
 * and nothing is sent, so cookie-based `authorize` cannot be ridden cross-site.
 */
import { startAll } from '../apps.mjs'
import { OPEN_OTP_LIMITS, row, startEnvironment } from '../environment.mjs'
import { request } from '../http.mjs'

const PAYLOAD = { to: '09171234567', message: 'cross-site', text: 'x' }
const BODIES = [
  ['text/plain', 'text/plain;charset=UTF-8', JSON.stringify(PAYLOAD)],
  ['form', 'application/x-www-form-urlencoded', 'to=09171234567&message=cross-site'],
  [
    'multipart',
    'multipart/form-data; boundary=b',
    '--b\r\nContent-Disposition: form-data; name="to"\r\n\r\n09171234567\r\n--b\r\nContent-Disposition: form-data; name="message"\r\n\r\ncross-site\r\n--b--\r\n',
  ],
  ['no Content-Type', undefined, JSON.stringify(PAYLOAD)],
]

/** @example `const rows = await crossSite(loadCheckout(dir))` */
export async function crossSite(co) {
  const env = await startEnvironment(co)
  const apps = await startAll(co, () => env.serviceOptions({ otp: OPEN_OTP_LIMITS }), {
    jsonFirst: false,
  })
  const rows = []
  // An OTP's SMS is among the messages too: one list counts every SMS once.
  const sentCount = () => env.sandbox.messages().length
  try {
    for (const app of apps) {
      let requests = 0
      let fivexx = 0
      let leaks = 0
      let not415 = 0
      const answers = []
      const before = sentCount()
      const sentBy = []
      for (const path of ['/messages', '/otp/send']) {
        for (const [label, type, body] of BODIES) {
          const headers = { cookie: 'session=ok', origin: 'https://evil.example' }
          if (type) headers['content-type'] = type
          const url =
            app.kind === 'trpc'
              ? `${app.base}/sms.${path === '/messages' ? 'messages.send' : 'otp.send'}`
              : `${app.base}${path}`
          const mark = sentCount()
          const answer = await request(url, { method: 'POST', headers, body })
          requests += 1
          if (answer.status >= 500) fivexx += 1
          if (env.leaks.check(answer.text)) leaks += 1
          if (answer.status !== 415) {
            not415 += 1
            answers.push(`${path} ${label} ${answer.status}`)
          }
          if (sentCount() > mark) sentBy.push(`${path} ${label} (${answer.status})`)
        }
      }
      rows.push(
        row(`cross-site:${app.name}`, `cross-site bodies with cookie: ${app.name}`, 'SMS sent', {
          requests,
          fivexx,
          leaks,
          bypasses: sentCount() - before,
          figure: `${not415} answers not 415`,
          note: [
            sentBy.length ? `sent by ${sentBy.join(', ')}` : '',
            answers.length < 8 ? answers.join(', ') : '',
          ]
            .filter(Boolean)
            .join('; '),
        }),
      )
    }
  } finally {
    for (const app of apps) await app.close()
    await env.close()
  }
  return rows
}
