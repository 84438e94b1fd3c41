/**
 * A tRPC 11 app with the SMS procedures under `sms.*`, served by tRPC's standalone adapter. The
 * credit-spending procedures sit on a procedure that checks `x-api-key`; OTP and segments are
 * public. With IPROG_SMS_API_TOKEN set it talks to the real gateway; without it, a sandbox starts
 * in-process, so SMS "arrive" in its web inbox and nothing is spent.
 *
 *   pnpm --filter @iprog-sms/trpc-app start
 */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'
import type { SmsClient } from '@iprog-sms/core'
import { clientOrSandbox, type RunningSandbox } from '@iprog-sms/sandbox'
import { createSmsRouter, smsErrorFormatter, smsResponseMeta } from '@iprog-sms/trpc'
import { initTRPC, TRPCError } from '@trpc/server'
import { createHTTPServer } from '@trpc/server/adapters/standalone'
import { z } from 'zod'

interface Context {
  apiKey: string | undefined
  req: IncomingMessage
}

function appRouterFor(client: SmsClient, apiKey: string) {
  const t = initTRPC.context<Context>().create({
    errorFormatter: smsErrorFormatter,
    isDev: process.env['NODE_ENV'] === 'development',
  })
  const protectedProcedure = t.procedure.use(({ ctx, next }) => {
    if (ctx.apiKey !== apiKey) throw new TRPCError({ code: 'FORBIDDEN' })
    return next()
  })
  return t.router({
    sms: createSmsRouter({ client, procedure: protectedProcedure, publicProcedure: t.procedure }),
    // Your own procedure using the same client.
    welcome: protectedProcedure.input(z.object({ to: z.string() })).mutation(async ({ input }) => {
      const sent = await client.messages.send({ to: input.to, message: 'Welcome aboard!' })
      return { messageId: sent.messageId }
    }),
  })
}

/** The router type a `@trpc/client` imports (`createTRPCClient<AppRouter>`). */
export type AppRouter = ReturnType<typeof appRouterFor>

export interface StartAppOptions {
  /** 0 picks a free port. Default `PORT` or 3000. */
  port?: number
  /** Default `process.env`. */
  env?: Record<string, string | undefined>
}

export interface RunningApp {
  url: string
  /** The key `x-api-key` must carry for the credit-spending procedures. */
  apiKey: string
  /** The in-process sandbox, when no real token was given. */
  sandbox: RunningSandbox | undefined
  close(): Promise<void>
}

export async function startApp(options: StartAppOptions = {}): Promise<RunningApp> {
  const env = options.env ?? process.env
  const { client, sandbox } = await clientOrSandbox({ env })
  const apiKey = env['SMS_ROUTES_KEY'] ?? randomUUID()

  const server = createHTTPServer({
    router: appRouterFor(client, apiKey),
    createContext: ({ req }) => ({ apiKey: req.headers['x-api-key'] as string | undefined, req }),
    responseMeta: smsResponseMeta,
  })
  const port = options.port ?? Number(env['PORT'] ?? 3000)
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const { port: actual } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${actual}`,
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
  console.log(`tRPC app on ${app.url}  (procedures under sms.*)`)
  console.log(
    app.sandbox
      ? `No IPROG_SMS_API_TOKEN: using the sandbox, inbox at ${app.sandbox.url}/`
      : 'Using the real IPROG gateway.',
  )
  console.log(`Procedures key (set SMS_ROUTES_KEY to choose it): ${app.apiKey}\n`)
  console.log(
    `curl -X POST ${app.url}/sms.messages.send ${json} ${key} -d '{"to":"0917 123 4567","message":"Hello!"}'`,
  )
  console.log(`curl ${app.url}/sms.account.credits ${key}`)
  console.log(`curl -X POST ${app.url}/sms.otp.send ${json} -d '{"to":"09171234567"}'`)
  console.log(`curl -X POST ${app.url}/sms.segments ${json} -d '{"text":"Salamat po! ₱100"}'`)
}
