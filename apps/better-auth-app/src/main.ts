/**
 * A Hono app (on Node through @hono/node-server) with better-auth signing people in by phone
 * through IPROG (`@iprog-sms/better-auth`), and the SMS routes of `@iprog-sms/hono` under /sms on
 * the same counter store, so an OTP limit reached on one path holds on the other. With
 * IPROG_SMS_API_TOKEN set it talks to the real gateway; without it a sandbox starts in-process
 * and codes "arrive" in its web inbox.
 *
 *   pnpm --filter @iprog-sms/better-auth-app start
 */
import { randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'
import { serve } from '@hono/node-server'
import {
  canonicalPhoneNumbers,
  iprogPhoneNumber,
  type OtpDeliveryMode,
} from '@iprog-sms/better-auth'
import { createMemoryStore } from '@iprog-sms/core/server'
import { smsRoutes } from '@iprog-sms/hono'
import { clientOrSandbox, type RunningSandbox } from '@iprog-sms/sandbox'
import { betterAuth } from 'better-auth'
import { memoryAdapter } from 'better-auth/adapters/memory'
import { phoneNumber } from 'better-auth/plugins'
import { Hono } from 'hono'

// The app writes the socket address into this header itself (overwriting whatever a client sent),
// because better-auth's Request has no socket address for the per-address OTP caps.
const CLIENT_IP_HEADER = 'x-app-client-ip'

export interface StartAppOptions {
  /** 0 picks a free port. Default `PORT` or 3000. */
  port?: number
  /** Default `process.env`. */
  env?: Record<string, string | undefined>
}

export interface RunningApp {
  url: string
  /** The in-process sandbox, when no real token was given. */
  sandbox: RunningSandbox | undefined
  close(): Promise<void>
}

export async function startApp(options: StartAppOptions = {}): Promise<RunningApp> {
  const env = options.env ?? process.env
  const { client, sandbox } = await clientOrSandbox({ env })
  const store = createMemoryStore() // one store for both paths; Redis for several instances
  const mode: OtpDeliveryMode = env['OTP_MODE'] === 'gateway' ? 'gateway' : 'message'

  const app = new Hono<{ Bindings: { incoming: IncomingMessage } }>()
  let auth: ReturnType<typeof createAuth> | undefined
  const createAuth = (baseURL: string) =>
    betterAuth({
      baseURL,
      secret: env['BETTER_AUTH_SECRET'] ?? randomBytes(32).toString('hex'),
      database: memoryAdapter({ user: [], session: [], account: [], verification: [] }),
      emailAndPassword: { enabled: true },
      plugins: [
        phoneNumber(
          iprogPhoneNumber({
            client,
            store,
            mode,
            getClientIp: (ctx) => ctx?.request?.headers.get(CLIENT_IP_HEADER) ?? undefined,
            signUpOnVerification: { getTempEmail: (phone) => `${phone.slice(1)}@phone.invalid` },
          }),
        ),
        canonicalPhoneNumbers(), // '0917 123 4567' is stored as '+639171234567'
      ],
    })

  app.on(['GET', 'POST'], '/api/auth/*', (c) => {
    const headers = new Headers(c.req.raw.headers)
    headers.set(CLIENT_IP_HEADER, c.env.incoming.socket.remoteAddress ?? 'unknown')
    return (auth as NonNullable<typeof auth>).handler(new Request(c.req.raw, { headers }))
  })
  // Your own route behind the session.
  app.get('/me', async (c) => {
    const session = await auth?.api.getSession({ headers: c.req.raw.headers })
    if (!session) return c.json({ error: 'Sign in first' }, 401)
    return c.json({ user: session.user })
  })
  // The SMS routes on the same store: POST /sms/otp/send shares the limits with sign-in.
  app.route('/sms', smsRoutes({ client, store, authorize: () => false }))

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const port = options.port ?? Number(env['PORT'] ?? 3000)
    const started = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(started))
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  auth = createAuth(url)
  return {
    url,
    sandbox,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await sandbox?.close()
    },
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const app = await startApp()
  const json = `-H 'content-type: application/json' -H 'origin: ${app.url}'`
  console.log(`better-auth app on ${app.url}  (auth under /api/auth, SMS routes under /sms)`)
  console.log(
    app.sandbox
      ? `No IPROG_SMS_API_TOKEN: using the sandbox, codes show in its inbox at ${app.sandbox.url}/`
      : 'Using the real IPROG gateway.',
  )
  console.log(
    `curl -X POST ${app.url}/api/auth/phone-number/send-otp ${json} -d '{"phoneNumber":"0917 123 4567"}'`,
  )
  console.log(
    `curl -i -X POST ${app.url}/api/auth/phone-number/verify ${json} -d '{"phoneNumber":"0917 123 4567","code":"<code>"}'`,
  )
  console.log(`curl ${app.url}/me -H 'cookie: <the set-cookie of verify>'`)
}
