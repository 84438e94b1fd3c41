/**
 * The clinic on tRPC 11 (standalone adapter): the page at `/`, calling `sms.otp.send` and the
 * clinic's procedures `clinic.signIn`, `clinic.book`, `clinic.announce` over tRPC's HTTP API at
 * `/trpc`. Errors keep core's problem details in `error.data.problem` (`smsErrorFormatter`) and
 * the HTTP status the REST apps answer. With IPROG_SMS_API_TOKEN set it talks to the real
 * gateway; without it, a sandbox starts in-process and SMS land in its web inbox.
 */
import { once } from 'node:events'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  type AppConfig,
  type Clinic,
  clinicPage,
  closeHttpServer,
  createClinic,
  isStaffKey,
  OTP_MESSAGE,
  readAppConfig,
  readSessionCookie,
  requireJsonBody,
  sessionCookie,
} from '@iprog-sms/clinic-shared'
import { isIprogError, type SmsClient } from '@iprog-sms/core'
import { createSmsQueue } from '@iprog-sms/core/queue'
import { type CounterStore, createMemoryStore } from '@iprog-sms/core/server'
import { clientOrSandbox, type RunningSandbox } from '@iprog-sms/sandbox'
import { createSmsRouter, smsErrorFormatter, smsResponseMeta, toTRPCError } from '@iprog-sms/trpc'
import { initTRPC, TRPCError } from '@trpc/server'
import { createHTTPHandler } from '@trpc/server/adapters/standalone'

interface Context {
  req: IncomingMessage
  res: ServerResponse
}

/** Input typed for the client; the clinic checks it (so its problems read as the REST apps'). */
const input =
  <T>() =>
  (raw: unknown) =>
    raw as T

interface SmsSetup {
  client: SmsClient
  store: CounterStore
  otp: { message: string }
}

function appRouterFor(sms: SmsSetup, clinic: Clinic, staffKey: string) {
  const t = initTRPC.context<Context>().create({
    errorFormatter: smsErrorFormatter,
    // tRPC puts the stack in every error unless NODE_ENV is 'production': never send it.
    isDev: false,
  })
  const staffProcedure = t.procedure.use(({ ctx, next }) => {
    if (!isStaffKey(ctx.req.headers['x-api-key'], staffKey))
      throw new TRPCError({ code: 'FORBIDDEN' })
    return next()
  })
  // A clinic error (an IprogError) leaves with the status and problem details core gives it.
  const asTRPCError = (error: unknown) => toTRPCError(clinic.problem(error), error)
  const clinicProcedure = t.procedure.use(async ({ ctx, next }) => {
    try {
      // Mutations take JSON only (415 otherwise), like the SMS routes.
      if (ctx.req.method === 'POST') requireJsonBody(ctx.req.headers['content-type'])
    } catch (error) {
      throw asTRPCError(error)
    }
    const result = await next()
    if (!result.ok && isIprogError(result.error.cause)) throw asTRPCError(result.error.cause)
    return result
  })

  return t.router({
    sms: createSmsRouter({ ...sms, procedure: staffProcedure, publicProcedure: t.procedure }),
    clinic: t.router({
      signIn: clinicProcedure
        .input(input<{ phone: string; code: string }>())
        .mutation(async ({ input, ctx }) => {
          const facts = { headers: ctx.req.headers, ip: ctx.req.socket.remoteAddress }
          const { token, phone } = await clinic.signIn(input, facts)
          ctx.res.setHeader('set-cookie', sessionCookie(token))
          return { phone }
        }),
      book: clinicProcedure
        .input(input<{ startsAt: string }>())
        .mutation(({ input, ctx }) =>
          clinic.book(readSessionCookie(ctx.req.headers.cookie), input),
        ),
      announce: clinicProcedure
        .input(input<{ message: string }>())
        .mutation(({ input, ctx }) => clinic.announce(input, ctx.req.headers['x-api-key'])),
      announcement: clinicProcedure
        .input(input<{ batchId: string }>())
        .query(({ input, ctx }) =>
          clinic.announcement(String(input?.batchId), ctx.req.headers['x-api-key']),
        ),
    }),
  })
}

/** The router type a `@trpc/client` imports (`createTRPCClient<AppRouter>`). */
export type AppRouter = ReturnType<typeof appRouterFor>

export interface RunningApp {
  url: string
  config: AppConfig
  /** The in-process sandbox, when no real token was given. */
  sandbox: RunningSandbox | undefined
  close(): Promise<void>
}

/**
 * @example
 * ```ts
 * const app = await startApp({ env: { PORT: '0' } })
 * ```
 */
export async function startApp(
  options: { env?: Record<string, string | undefined> } = {},
): Promise<RunningApp> {
  const config = readAppConfig(options.env ?? process.env)
  const { client, sandbox } = await clientOrSandbox({
    env: { IPROG_SMS_API_TOKEN: config.apiToken, IPROG_SMS_BASE_URL: config.baseUrl },
  })
  // One counter store for sms.otp.verify and clinic.signIn: the attempt cap counts both.
  const sms = { client, store: createMemoryStore(), otp: { message: OTP_MESSAGE } }
  // Announcements go through the embedded queue: the call answers at once with a batch id and
  // the queue sends at its own pace (@iprog-sms/bullmq's queue fits here for many instances).
  const queue = createSmsQueue({ client })
  // The sandbox inbox shows each announcement (a batch of this queue) and its progress, live.
  sandbox?.sandbox.watchBatches(queue)
  const clinic = createClinic({ sms, staffKey: config.routesKey, queue })
  const page = clinicPage({ api: 'trpc', inboxUrl: sandbox?.url })

  const trpc = createHTTPHandler({
    router: appRouterFor(sms, clinic, config.routesKey),
    basePath: '/trpc/',
    createContext: ({ req, res }) => ({ req, res }),
    responseMeta: smsResponseMeta,
  })
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/trpc/')) return trpc(req, res)
    if (req.method === 'GET' && (req.url === '/' || req.url?.startsWith('/?'))) {
      return res.writeHead(200, page.headers).end(page.html)
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found')
  })
  server.listen(config.port, '127.0.0.1')
  try {
    await once(server, 'listening')
  } catch (error) {
    await queue.close()
    await sandbox?.close()
    throw error
  }
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    config,
    sandbox,
    close: async () => {
      await closeHttpServer(server)
      // In-flight sends finish; what is still queued goes with the process (embedded queue).
      await queue.close()
      await sandbox?.close()
    },
  }
}
