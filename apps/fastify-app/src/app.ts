/**
 * The clinic on Fastify 5: the page at `/`, the SMS plugin's routes under `/sms` (OTP send is the
 * page's first step), and the clinic's own routes under `/api`, in their own encapsulated scope
 * whose error handler answers problem+json through core's `toProblem` (`clinic.problem`). With
 * IPROG_SMS_API_TOKEN set it talks to the real gateway; without it, a sandbox starts in-process
 * and SMS land in its web inbox.
 */
import type { AddressInfo } from 'node:net'
import {
  type AppConfig,
  clinicPage,
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
import iprogSms from '@iprog-sms/fastify'
import { clientOrSandbox, type RunningSandbox } from '@iprog-sms/sandbox'
import Fastify from 'fastify'

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

  const app = Fastify({ bodyLimit: 16_384 })
  // In-flight sends finish; what is still queued goes with the process (embedded queue).
  app.addHook('onClose', async () => {
    await queue.close()
    await sandbox?.close()
  })
  app.get('/', (_request, reply) => reply.headers(page.headers).send(page.html))
  await app.register(iprogSms, {
    ...sms,
    prefix: '/sms',
    authorize: (ctx) => isStaffKey(ctx.headers.get('x-api-key'), config.routesKey),
    openapi: true, // GET /sms/openapi.json
  })

  await app.register(
    async (api) => {
      // Fastify's JSON parser errors (400, 413) and everything the handlers throw.
      api.setErrorHandler((error, _request, reply) => {
        const { status, headers, body } = clinic.problem(error)
        return reply.code(status).headers(headers).send(body)
      })
      // JSON only (415 otherwise), before Fastify picks a body parser.
      api.addHook('onRequest', async (request) => {
        if (request.method === 'POST') requireJsonBody(request.headers['content-type'])
      })
      api.setNotFoundHandler(() => {
        throw noSuchRoute()
      })
      api.post('/session', async (request, reply) => {
        const facts = { headers: request.headers, ip: request.socket.remoteAddress }
        const { token, phone } = await clinic.signIn(request.body, facts)
        return reply.header('set-cookie', sessionCookie(token)).send({ phone })
      })
      api.post('/appointments', async (request, reply) => {
        const token = readSessionCookie(request.headers.cookie)
        return reply.code(201).send(await clinic.book(token, request.body))
      })
      api.post('/announcements', async (request, reply) => {
        const announcement = await clinic.announce(request.body, request.headers['x-api-key'])
        return reply.code(announcement.queued ? 202 : 200).send(announcement)
      })
      api.get<{ Params: { batchId: string } }>('/announcements/:batchId', (request) =>
        clinic.announcement(request.params.batchId, request.headers['x-api-key']),
      )
    },
    { prefix: '/api' },
  )

  try {
    await app.listen({ port: config.port, host: '127.0.0.1' })
  } catch (error) {
    await app.close()
    throw error
  }
  const { port } = app.server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, config, sandbox, close: () => app.close() }
}
