/**
 * The clinic on Hono (on Node through @hono/node-server): the page at `/`, the SMS routes under
 * `/sms` (OTP send is the page's first step), and the clinic's own routes under `/api`, whose
 * errors answer as problem+json through core's `toProblem` (`clinic.problem`) in `app.onError`.
 * With IPROG_SMS_API_TOKEN set it talks to the real gateway; without it, a sandbox starts
 * in-process and SMS land in its web inbox.
 */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import {
  type AppConfig,
  clinicPage,
  closeHttpServer,
  createClinic,
  isStaffKey,
  noSuchRoute,
  OTP_MESSAGE,
  readAppConfig,
  readSessionCookie,
  requireJsonBody,
  sessionCookie,
} from '@iprog-sms/clinic-shared'
import { createSmsQueue } from '@iprog-sms/core/queue'
import {
  createMemoryStore,
  createOpenApiDocument,
  IprogInvalidJsonError,
} from '@iprog-sms/core/server'
import { smsRoutes } from '@iprog-sms/hono'
import { clientOrSandbox, type RunningSandbox } from '@iprog-sms/sandbox'
import { type Context, Hono } from 'hono'

export interface RunningApp {
  url: string
  config: AppConfig
  /** The in-process sandbox, when no real token was given. */
  sandbox: RunningSandbox | undefined
  close(): Promise<void>
}

// `c.req.json()` throws a bare SyntaxError; say what it is, so it answers 400 invalid_json.
const jsonBody = (c: Context) =>
  c.req.json().catch((cause: unknown) => {
    throw new IprogInvalidJsonError({ cause })
  })

// @hono/node-server passes the Node request as `c.env.incoming`.
const peerAddress = (c: Context) =>
  (c.env as { incoming?: { socket?: { remoteAddress?: string } } }).incoming?.socket?.remoteAddress

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
  // One counter store for /sms/otp/verify and POST /api/session: the attempt cap counts both.
  const sms = { client, store: createMemoryStore(), otp: { message: OTP_MESSAGE } }
  // Announcements go through the embedded queue: the request answers at once with a batch id
  // and the queue sends at its own pace (@iprog-sms/bullmq's queue fits here for many instances).
  const queue = createSmsQueue({ client })
  // The sandbox inbox shows each announcement (a batch of this queue) and its progress, live.
  sandbox?.sandbox.watchBatches(queue)
  const clinic = createClinic({ sms, staffKey: config.routesKey, queue })
  const page = clinicPage({ api: 'rest', inboxUrl: sandbox?.url })

  const app = new Hono()
  app.get('/', (c) => c.html(page.html, 200, page.headers))
  app.route(
    '/sms',
    smsRoutes({
      ...sms,
      authorize: (ctx) => isStaffKey(ctx.headers.get('x-api-key'), config.routesKey),
      openapi: createOpenApiDocument, // GET /sms/openapi.json
    }),
  )

  const api = new Hono()
  // JSON only (415 otherwise), before any body is read.
  api.use(async (c, next) => {
    if (c.req.method === 'POST') requireJsonBody(c.req.header('content-type'))
    await next()
  })
  api.post('/session', async (c) => {
    const request = { headers: c.req.raw.headers, ip: peerAddress(c) }
    const { token, phone } = await clinic.signIn(await jsonBody(c), request)
    c.header('set-cookie', sessionCookie(token))
    return c.json({ phone })
  })
  api.post('/appointments', async (c) => {
    const token = readSessionCookie(c.req.header('cookie'))
    return c.json(await clinic.book(token, await jsonBody(c)), 201)
  })
  api.post('/announcements', async (c) => {
    const announcement = await clinic.announce(await jsonBody(c), c.req.header('x-api-key'))
    return c.json(announcement, announcement.queued ? 202 : 200)
  })
  api.get('/announcements/:batchId', async (c) =>
    c.json(await clinic.announcement(c.req.param('batchId'), c.req.header('x-api-key'))),
  )
  api.notFound(() => {
    throw noSuchRoute()
  })
  api.onError((error) => {
    const { status, headers, body } = clinic.problem(error)
    return new Response(JSON.stringify(body), { status, headers })
  })
  app.route('/api', api)

  const server = serve({ fetch: app.fetch, port: config.port, hostname: '127.0.0.1' })
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve)
      server.once('error', reject)
    })
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
      await closeHttpServer(server as import('node:http').Server)
      // In-flight sends finish; what is still queued goes with the process (embedded queue).
      await queue.close()
      await sandbox?.close()
    },
  }
}
