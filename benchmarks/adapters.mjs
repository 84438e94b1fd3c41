// Adapter overhead: requests/s (and server CPU per request) of one SMS send through each adapter
// versus a hand-written route in the same framework that checks the same key, validates the same
// two fields and calls the same client. The client's `fetch` is a stub that answers the gateway's
// success reply at once, so the ratio is the adapter's own cost, not the upstream's.
// - Express, Hono, Fastify: `POST /sms/messages` of the adapter vs a plain route.
// - tRPC: `POST /sms.messages.send` (httpLink's wire format) of `createSmsRouter` vs a plain
//   procedure with a zod input, both on tRPC's standalone adapter behind the same middleware.
// Target: the adapter keeps >= 0.9 of the hand-written throughput (median over fresh processes).
// Method and tables: harness/servers.mjs (compareServers). Exits 0 whatever the result.
//
//   node benchmarks/adapters.mjs                        (after `pnpm build`)
//   BENCH_PROCESSES=7 BENCH_TURNS=7 BENCH_ADAPTERS=fastify node benchmarks/adapters.mjs
import { compareServers } from './harness/index.mjs'

const KEY = 'bench-key'
const TOKEN = 'bench-adapters-token'
const authorize = (ctx) => ctx.headers.get('x-api-key') === KEY
const target = { median: 0.9 }
const request = {
  method: 'POST',
  path: '/sms/messages',
  headers: { 'content-type': 'application/json', 'x-api-key': KEY },
  body: JSON.stringify({ to: '0917 123 4567', message: 'Salamat po! Order #1234 shipped.' }),
}

// The gateway's success reply to a send, answered without any I/O.
const SEND_REPLY = JSON.stringify({
  status: 200,
  message: 'SMS successfully queued for delivery.',
  message_id: 'iSms-bench1',
  message_status_link: 'https://www.iprogsms.com/api/v1/sms_messages/status?message_id=iSms-bench1',
  message_status_request_mode: 'GET',
  sms_rate: 1,
})

async function stubClient() {
  const { createClient } = await import('@iprog-sms/core')
  const fetch = async () =>
    new Response(SEND_REPLY, { status: 200, headers: { 'content-type': 'application/json' } })
  return createClient({ apiToken: TOKEN, baseUrl: 'http://gateway.stub', fetch })
}

// The hand-written routes' input check: what a careful route does without the adapter.
const fields = (body) => {
  const { to, message } = body ?? {}
  return typeof to === 'string' && typeof message === 'string' ? { to, message } : undefined
}

async function serveExpress(variant) {
  const client = await stubClient()
  const { default: express } = await import('express')
  const app = express()
  if (variant === 'adapter') {
    const { smsRouter } = await import('@iprog-sms/express')
    app.use('/sms', smsRouter({ client, authorize }))
  } else {
    app.post('/sms/messages', express.json({ limit: 65_536 }), async (req, res) => {
      if (req.get('x-api-key') !== KEY) return void res.status(403).end()
      const input = fields(req.body)
      if (input === undefined) return void res.status(400).end()
      try {
        res.status(201).json(await client.messages.send(input))
      } catch (error) {
        res.status(502).json({ code: error.code })
      }
    })
  }
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server.address().port))
  })
}

async function serveHono(variant) {
  const client = await stubClient()
  const { Hono } = await import('hono')
  const { serve } = await import('@hono/node-server')
  const app = new Hono()
  if (variant === 'adapter') {
    const { smsRoutes } = await import('@iprog-sms/hono')
    app.route('/sms', smsRoutes({ client, authorize }))
  } else {
    app.post('/sms/messages', async (c) => {
      if (c.req.header('x-api-key') !== KEY) return c.body(null, 403)
      const input = fields(await c.req.json())
      if (input === undefined) return c.body(null, 400)
      try {
        return c.json(await client.messages.send(input), 201)
      } catch (error) {
        return c.json({ code: error.code }, 502)
      }
    })
  }
  return new Promise((resolve) => {
    serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port))
  })
}

async function serveFastify(variant) {
  const client = await stubClient()
  const { default: Fastify } = await import('fastify')
  const app = Fastify()
  if (variant === 'adapter') {
    const { iprogSms } = await import('@iprog-sms/fastify')
    await app.register(iprogSms, { prefix: '/sms', client, authorize })
  } else {
    app.post('/sms/messages', { bodyLimit: 65_536 }, async (request, reply) => {
      if (request.headers['x-api-key'] !== KEY) return reply.code(403).send()
      const input = fields(request.body)
      if (input === undefined) return reply.code(400).send()
      try {
        return reply.code(201).send(await client.messages.send(input))
      } catch (error) {
        return reply.code(502).send({ code: error.code })
      }
    })
  }
  await app.listen({ port: 0, host: '127.0.0.1' })
  return app.server.address().port
}

async function serveTrpc(variant) {
  const client = await stubClient()
  const { initTRPC, TRPCError } = await import('@trpc/server')
  const { createHTTPServer } = await import('@trpc/server/adapters/standalone')
  const t = initTRPC.context().create()
  const protectedProcedure = t.procedure.use(({ ctx, next }) => {
    if (ctx.apiKey !== KEY) throw new TRPCError({ code: 'FORBIDDEN' })
    return next()
  })
  let sms
  if (variant === 'adapter') {
    const { createSmsRouter } = await import('@iprog-sms/trpc')
    sms = createSmsRouter({ client, procedure: protectedProcedure, publicProcedure: t.procedure })
  } else {
    const { z } = await import('zod')
    const input = z.object({ to: z.string(), message: z.string().min(1) })
    sms = {
      messages: {
        send: protectedProcedure.input(input).mutation(({ input }) => client.messages.send(input)),
      },
    }
  }
  const server = createHTTPServer({
    router: t.router({ sms }),
    createContext: ({ req }) => ({ apiKey: req.headers['x-api-key'] }),
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return server.address().port
}

const frameworks = [
  ['express', serveExpress, {}],
  ['hono', serveHono, {}],
  ['fastify', serveFastify, {}],
  ['trpc', serveTrpc, { path: '/sms.messages.send' }],
]
// BENCH_ADAPTERS=fastify,trpc runs only those.
const only = process.env.BENCH_ADAPTERS?.split(',')
for (const [name, serve, override] of frameworks) {
  if (only && !only.includes(name)) continue
  await compareServers({
    id: `adapter-${name}`,
    script: import.meta.url,
    title: `${name}: @iprog-sms/${name} ÷ a hand-written ${name} route (stub gateway)`,
    request: { ...request, ...override },
    baseline: { name: `hand-written ${name}`, serve: () => serve('hand') },
    subjects: [{ name: `@iprog-sms/${name}`, serve: () => serve('adapter'), target }],
  })
}
