/**
 * An existing Hono app (on Node through @hono/node-server) with SMS routes mounted under /sms.
 * With IPROG_SMS_API_TOKEN set it talks to the real gateway; without it, a sandbox starts
 * in-process, so SMS "arrive" in its web inbox and nothing is spent.
 *
 *   pnpm --filter @iprog-sms/hono-app start
 */
import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'
import { serve } from '@hono/node-server'
import { type SmsVariables, smsClient, smsRoutes } from '@iprog-sms/hono'
import { clientOrSandbox, type RunningSandbox } from '@iprog-sms/sandbox'
import { Hono } from 'hono'

export interface StartAppOptions {
  /** 0 picks a free port. Default `PORT` or 3000. */
  port?: number
  /** Default `process.env`. */
  env?: Record<string, string | undefined>
}

export interface RunningApp {
  url: string
  /** The key `x-api-key` must carry for the credit-spending routes. */
  apiKey: string
  /** The in-process sandbox, when no real token was given. */
  sandbox: RunningSandbox | undefined
  close(): Promise<void>
}

export async function startApp(options: StartAppOptions = {}): Promise<RunningApp> {
  const env = options.env ?? process.env
  const { client, sandbox } = await clientOrSandbox({ env })
  const apiKey = env['SMS_ROUTES_KEY'] ?? randomUUID()

  const app = new Hono<{ Variables: SmsVariables }>()
  app.use(smsClient(client))
  app.route(
    '/sms',
    smsRoutes({
      client,
      authorize: (ctx) => ctx.headers.get('x-api-key') === apiKey,
      openapi: true,
    }),
  )
  // Your own route using the same client through c.var.sms.
  app.post('/welcome', async (c) => {
    if (c.req.header('x-api-key') !== apiKey) return c.body(null, 403)
    const { to } = await c.req.json<{ to: string }>()
    const sent = await c.var.sms.messages.send({ to, message: 'Welcome aboard!' })
    return c.json({ messageId: sent.messageId }, 201)
  })

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const port = options.port ?? Number(env['PORT'] ?? 3000)
    const started = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(started))
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    sandbox,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await sandbox?.close()
    },
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const app = await startApp()
  const key = `-H 'x-api-key: ${app.apiKey}'`
  const json = "-H 'content-type: application/json'"
  console.log(`Hono app on ${app.url}  (SMS routes under /sms)`)
  console.log(
    app.sandbox
      ? `No IPROG_SMS_API_TOKEN: using the sandbox, inbox at ${app.sandbox.url}/`
      : 'Using the real IPROG gateway.',
  )
  console.log(`Routes key (set SMS_ROUTES_KEY to choose it): ${app.apiKey}\n`)
  console.log(
    `curl -X POST ${app.url}/sms/messages ${json} ${key} -d '{"to":"0917 123 4567","message":"Hello!"}'`,
  )
  console.log(`curl ${app.url}/sms/credits ${key}`)
  console.log(`curl -X POST ${app.url}/sms/otp/send ${json} -d '{"to":"09171234567"}'`)
  console.log(`curl -X POST ${app.url}/sms/segments ${json} -d '{"text":"Salamat po! ₱100"}'`)
  console.log(`curl ${app.url}/sms/openapi.json`)
}
