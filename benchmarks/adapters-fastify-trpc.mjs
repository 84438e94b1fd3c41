// Adapter overhead, Fastify and tRPC: requests/s of one SMS send through the adapter versus a
// hand-written equivalent in the same framework that checks the same key and calls the same
// client against the same upstream (the sandbox).
// - Fastify: `POST /sms/messages` of `@iprog-sms/fastify` vs a plain Fastify route.
// - tRPC: `POST /sms.messages.send` (httpLink's wire format: the raw JSON input) of
//   `createSmsRouter` vs a plain procedure with a zod input calling the client; both on tRPC's
//   standalone adapter behind the same key-checking middleware.
// Target: the adapter keeps >= 0.9 of the hand-written throughput. Method and table:
// adapter-overhead.mjs (every server in its own child process, alternating rounds, medians).
// Exits 0 whatever the result.
//
//   node benchmarks/adapters-fastify-trpc.mjs            (after `pnpm build`)
//   BENCH_SECONDS=8 BENCH_ROUNDS=5 node benchmarks/adapters-fastify-trpc.mjs
import { authorize, KEY, runAdapterOverhead } from './adapter-overhead.mjs'

await runAdapterOverhead({
  script: import.meta.url,
  seconds: 4,
  rounds: 3,
  frameworks: {
    fastify: { path: '/sms/messages', serve: serveFastify },
    trpc: { path: '/sms.messages.send', serve: serveTrpc },
  },
})

async function serveFastify(client, variant) {
  const { default: Fastify } = await import('fastify')
  const app = Fastify()
  if (variant === 'adapter') {
    const { iprogSms } = await import('@iprog-sms/fastify')
    await app.register(iprogSms, { prefix: '/sms', client, authorize })
  } else {
    app.post('/sms/messages', { bodyLimit: 65_536 }, async (request, reply) => {
      if (request.headers['x-api-key'] !== KEY) return reply.code(403).send()
      const { to, message } = request.body ?? {}
      if (typeof to !== 'string' || typeof message !== 'string') return reply.code(400).send()
      try {
        return reply.code(201).send(await client.messages.send({ to, message }))
      } catch (error) {
        return reply.code(502).send({ code: error.code })
      }
    })
  }
  await app.listen({ port: 0, host: '127.0.0.1' })
  return app.server.address().port
}

async function serveTrpc(client, variant) {
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
