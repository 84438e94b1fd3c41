/**
 * The clinic on Express 5: the page at `/`, the SMS routes under `/sms` (OTP send is the page's
 * first step), and the clinic's own routes under `/api`, whose errors answer as problem+json
 * through core's `toProblem` (`clinic.problem`). With IPROG_SMS_API_TOKEN set it talks to the
 * real gateway; without it, a sandbox starts in-process and SMS land in its web inbox.
 */
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
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
import { createMemoryStore } from '@iprog-sms/core/server'
import { smsRouter } from '@iprog-sms/express'
import { clientOrSandbox, type RunningSandbox } from '@iprog-sms/sandbox'
import express, { type ErrorRequestHandler } from 'express'

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
  // One counter store for /sms/otp/verify and POST /api/session: the attempt cap counts both.
  const sms = { client, store: createMemoryStore(), otp: { message: OTP_MESSAGE } }
  // Announcements go through the embedded queue: the request answers at once with a batch id
  // and the queue sends at its own pace (@iprog-sms/bullmq's queue fits here for many instances).
  const queue = createSmsQueue({ client })
  // The sandbox inbox shows each announcement (a batch of this queue) and its progress, live.
  sandbox?.sandbox.watchBatches(queue)
  const clinic = createClinic({ sms, staffKey: config.routesKey, queue })
  const page = clinicPage({ api: 'rest', inboxUrl: sandbox?.url })

  const app = express()
  app.disable('x-powered-by')
  app.get('/', (_req, res) => {
    res.set(page.headers).send(page.html)
  })
  app.use(
    '/sms',
    smsRouter({
      ...sms,
      authorize: (ctx) => isStaffKey(ctx.headers.get('x-api-key'), config.routesKey),
      openapi: true, // GET /sms/openapi.json
    }),
  )

  const api = express.Router()
  // JSON only (415 otherwise), then parsed; a thrown error goes to `problems` below.
  api.use((req, _res, next) => {
    if (req.method === 'POST') requireJsonBody(req.headers['content-type'])
    next()
  })
  api.use(express.json({ limit: '16kb' }))
  api.post('/session', async (req, res) => {
    const ip = req.socket.remoteAddress
    const { token, phone } = await clinic.signIn(req.body, { headers: req.headers, ip })
    res.set('set-cookie', sessionCookie(token)).json({ phone })
  })
  api.post('/appointments', async (req, res) => {
    const appointment = await clinic.book(readSessionCookie(req.headers.cookie), req.body)
    res.status(201).json(appointment)
  })
  api.post('/announcements', async (req, res) => {
    const announcement = await clinic.announce(req.body, req.get('x-api-key'))
    res.status(announcement.queued ? 202 : 200).json(announcement)
  })
  api.get('/announcements/:batchId', async (req, res) => {
    res.json(await clinic.announcement(req.params.batchId, req.get('x-api-key')))
  })
  api.use(() => {
    throw noSuchRoute()
  })
  // Express 5 forwards rejected promises here, and so does express.json() for a bad body.
  const problems: ErrorRequestHandler = (error, _req, res, _next) => {
    const { status, headers, body } = clinic.problem(error)
    res.status(status).set(headers).send(JSON.stringify(body))
  }
  api.use(problems)
  app.use('/api', api)

  const server = app.listen(config.port, '127.0.0.1')
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
