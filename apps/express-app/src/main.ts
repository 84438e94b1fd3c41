/**
 * An existing Express 5 app with SMS routes mounted under /sms. With IPROG_SMS_API_TOKEN set it
 * talks to the real gateway; without it, a sandbox starts in-process, so SMS "arrive" in its web
 * inbox and nothing is spent.
 *
 *   pnpm --filter @iprog-sms/express-app start
 */
import { randomUUID } from 'node:crypto'
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'
import { smsClient, smsRouter } from '@iprog-sms/express'
import { clientOrSandbox, type RunningSandbox } from '@iprog-sms/sandbox'
import express from 'express'

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

  const app = express()
  app.use(express.json())
  app.use(smsClient(client))
  app.use(
    '/sms',
    smsRouter({
      client,
      authorize: (ctx) => ctx.headers.get('x-api-key') === apiKey,
      openapi: true,
    }),
  )
  // Your own route using the same client through req.sms.
  app.post('/welcome', async (req, res) => {
    if (req.get('x-api-key') !== apiKey) return void res.status(403).end()
    const sent = await req.sms.messages.send({ to: req.body.to, message: 'Welcome aboard!' })
    res.status(201).json({ messageId: sent.messageId })
  })

  const server = app.listen(options.port ?? Number(env['PORT'] ?? 3000), '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    sandbox,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      await sandbox?.close()
    },
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const app = await startApp()
  const key = `-H 'x-api-key: ${app.apiKey}'`
  const json = "-H 'content-type: application/json'"
  console.log(`Express app on ${app.url}  (SMS routes under /sms)`)
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
