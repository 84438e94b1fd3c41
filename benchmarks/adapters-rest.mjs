// Adapter overhead, Express and Hono: requests/s of `POST /sms/messages` through the adapter
// versus a hand-written route in the same framework that parses JSON, checks the same key and
// calls the same client against the same upstream (the sandbox). Target: the adapter keeps
// >= 0.9 of the hand-written route's throughput. Method and table: adapter-overhead.mjs (every
// server in its own child process, alternating rounds, medians). Exits 0 whatever the result.
//
//   node benchmarks/adapters-rest.mjs            (after `pnpm build`)
//   BENCH_SECONDS=8 BENCH_ROUNDS=5 node benchmarks/adapters-rest.mjs
import { authorize, KEY, runAdapterOverhead } from './adapter-overhead.mjs'

await runAdapterOverhead({
  script: import.meta.url,
  seconds: 3,
  rounds: 5,
  frameworks: {
    express: { path: '/sms/messages', serve: serveExpress },
    hono: { path: '/sms/messages', serve: serveHono },
  },
})

async function serveExpress(client, variant) {
  const { default: express } = await import('express')
  const app = express()
  if (variant === 'adapter') {
    const { smsRouter } = await import('@iprog-sms/express')
    app.use('/sms', smsRouter({ client, authorize }))
  } else {
    app.post('/sms/messages', express.json({ limit: 65_536 }), async (req, res) => {
      if (req.get('x-api-key') !== KEY) return void res.status(403).end()
      const { to, message } = req.body ?? {}
      if (typeof to !== 'string' || typeof message !== 'string') {
        return void res.status(400).end()
      }
      try {
        res.status(201).json(await client.messages.send({ to, message }))
      } catch (error) {
        res.status(502).json({ code: error.code })
      }
    })
  }
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server.address().port))
  })
}

async function serveHono(client, variant) {
  const { Hono } = await import('hono')
  const { serve } = await import('@hono/node-server')
  const app = new Hono()
  if (variant === 'adapter') {
    const { smsRoutes } = await import('@iprog-sms/hono')
    app.route('/sms', smsRoutes({ client, authorize }))
  } else {
    app.post('/sms/messages', async (c) => {
      if (c.req.header('x-api-key') !== KEY) return c.body(null, 403)
      const { to, message } = (await c.req.json()) ?? {}
      if (typeof to !== 'string' || typeof message !== 'string') return c.body(null, 400)
      try {
        return c.json(await client.messages.send({ to, message }), 201)
      } catch (error) {
        return c.json({ code: error.code }, 502)
      }
    })
  }
  return new Promise((resolve) => {
    serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port))
  })
}
