/**
 * The four adapters of one checkout as real servers on 127.0.0.1, port 0, over one set of
 * service options: Express (optionally behind the app's own `express.json()`), Hono on
 * `@hono/node-server`, Fastify, and tRPC's standalone server with the SMS error formatter.
 * `allow(get)` is the app's own auth, given a header getter: REST adapters get it as
 * `authorize`, tRPC as the middleware of its protected procedure.
 */
import { once } from 'node:events'

export const ROUTES_KEY = 'attack-routes-key-0123456789'

/** The app's auth: the `x-api-key`, or a session cookie (what a cross-site form carries along). */
export const allowKeyOrCookie = (get) =>
  get('x-api-key') === ROUTES_KEY || /(^|;\s*)session=ok(;|$)/.test(get('cookie') ?? '')

const listening = async (server) => {
  if (!server.listening) await once(server, 'listening')
  return server.address().port
}

const closer = (server) => () =>
  new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections?.()
  })

/**
 * @example
 * ```js
 * const app = await startExpress(co, { client, authorize: 'public' }, { prefix: '/sms' })
 * await request(`${app.base}/segments`, { method: 'POST', json: { text: 'hi' } })
 * await app.close()
 * ```
 */
export async function startExpress(co, options, { prefix = '/sms', jsonFirst = false } = {}) {
  const express = co.express.lib
  const app = express()
  if (jsonFirst) app.use(express.json({ limit: '10mb' }))
  app.use(prefix, co.express.adapter.smsRouter(options))
  const server = app.listen(0, '127.0.0.1')
  const port = await listening(server)
  return {
    name: jsonFirst ? 'express+json()' : 'express',
    kind: 'rest',
    base: `http://127.0.0.1:${port}${prefix}`,
    root: `http://127.0.0.1:${port}`,
    close: closer(server),
  }
}

export async function startHono(co, options, { prefix = '/sms' } = {}) {
  const app = new co.hono.lib.Hono()
  app.route(prefix, co.hono.adapter.smsRoutes(options))
  const server = co.hono.node.serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  const port = await listening(server)
  return {
    name: 'hono',
    kind: 'rest',
    base: `http://127.0.0.1:${port}${prefix}`,
    root: `http://127.0.0.1:${port}`,
    close: closer(server),
  }
}

export async function startFastify(co, options, { prefix = '/sms' } = {}) {
  const app = co.fastify.lib.fastify({ logger: false })
  await app.register(co.fastify.adapter.iprogSms, { ...options, prefix })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address()
  return {
    name: 'fastify',
    kind: 'rest',
    base: `http://127.0.0.1:${port}${prefix}`,
    root: `http://127.0.0.1:${port}`,
    close: () => app.close(),
  }
}

export async function startTrpc(co, options) {
  const { initTRPC, TRPCError } = co.trpc.lib
  const { createSmsRouter, smsErrorFormatter, smsResponseMeta } = co.trpc.adapter
  const t = initTRPC.context().create({ errorFormatter: smsErrorFormatter, isDev: false })
  const protectedProcedure = t.procedure.use(({ ctx, next }) => {
    if (!allowKeyOrCookie((name) => ctx.req.headers[name])) {
      throw new TRPCError({ code: 'FORBIDDEN', message: 'Not allowed' })
    }
    return next()
  })
  const { authorize, trustProxy, openapi, basePath, ...rest } = options
  const router = t.router({
    sms: createSmsRouter({ ...rest, procedure: protectedProcedure, publicProcedure: t.procedure }),
  })
  const server = co.trpc.standalone.createHTTPServer({
    router,
    createContext: ({ req }) => ({ req }),
    responseMeta: smsResponseMeta,
  })
  server.listen(0, '127.0.0.1')
  const port = await listening(server)
  return {
    name: 'trpc',
    kind: 'trpc',
    base: `http://127.0.0.1:${port}`,
    root: `http://127.0.0.1:${port}`,
    close: closer(server),
  }
}

/** REST `authorize` from a header rule. */
export const authorizeBy = (rule) => (ctx) => rule((name) => ctx.headers.get(name) ?? undefined)

/** Every adapter on the same options (each gets its own service, hence its own OTP store). */
export async function startAll(co, makeOptions, { jsonFirst = true } = {}) {
  const apps = [await startExpress(co, makeOptions())]
  if (jsonFirst) apps.push(await startExpress(co, makeOptions(), { jsonFirst: true }))
  apps.push(await startHono(co, makeOptions()))
  apps.push(await startFastify(co, makeOptions()))
  apps.push(await startTrpc(co, makeOptions()))
  return apps
}

/** The REST routes of the operation table (the same in both checkouts). */
export const REST_ROUTES = [
  { op: 'messages.send', method: 'POST', path: '/messages' },
  { op: 'messages.sendBulk', method: 'POST', path: '/messages/bulk' },
  { op: 'messages.status', method: 'GET', path: '/messages/:id' },
  { op: 'account.credits', method: 'GET', path: '/credits' },
  { op: 'otp.send', method: 'POST', path: '/otp/send' },
  { op: 'otp.verify', method: 'POST', path: '/otp/verify' },
  { op: 'reminders.create', method: 'POST', path: '/reminders' },
  { op: 'reminders.get', method: 'GET', path: '/reminders/:id' },
  { op: 'reminders.update', method: 'PATCH', path: '/reminders/:id' },
  { op: 'reminders.delete', method: 'DELETE', path: '/reminders/:id' },
  { op: 'segments', method: 'POST', path: '/segments' },
]

/** tRPC: reads are queries (GET `?input=`), the rest mutations (POST body). */
export const trpcCall = (app, route) => ({
  url: `${app.base}/sms.${route.op}`,
  method: route.method === 'GET' ? 'GET' : 'POST',
})
