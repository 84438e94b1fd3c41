// Adapter overhead, Fastify and tRPC: requests/s of one SMS send through the adapter versus a
// hand-written equivalent in the same framework that checks the same key and calls the same
// client against the same upstream (the sandbox).
// - Fastify: `POST /sms/messages` of `@iprog-sms/fastify` vs a plain Fastify route.
// - tRPC: `POST /sms.messages.send` (httpLink's wire format: the raw JSON input) of
//   `createSmsRouter` vs a plain procedure with a zod input calling the client; both on tRPC's
//   standalone adapter behind the same key-checking middleware.
// Target: the adapter keeps >= 0.9 of the hand-written throughput. Method of adapters-rest.mjs:
// every server in its own child process, rounds alternate adapter/hand-written, medians
// reported. Exits 0 whatever the result.
//
//   node benchmarks/adapters-fastify-trpc.mjs            (after `pnpm build`)
//   BENCH_SECONDS=8 BENCH_ROUNDS=5 node benchmarks/adapters-fastify-trpc.mjs
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'

const TARGET_RATIO = 0.9
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32)
const TOKEN = 'bench-adapters-token'
const KEY = 'bench-key'
const BODY = JSON.stringify({ to: '0917 123 4567', message: 'Salamat po! Order #1234 shipped.' })
const PATHS = { fastify: '/sms/messages', trpc: '/sms.messages.send' }
const children = []

// ---- child side: `node adapters-fastify-trpc.mjs --serve <role> [upstream]` prints its URL ----
if (process.argv[2] === '--serve') {
  const [, , , role, upstream] = process.argv
  const print = (port) => console.log(`http://127.0.0.1:${port}`)
  if (role === 'sandbox') {
    const { startSandbox } = await import('@iprog-sms/sandbox')
    const running = await startSandbox({ port: 0, tokens: { [TOKEN]: 1e12 }, maxMessages: 1000 })
    print(running.port)
  } else {
    const { createClient } = await import('@iprog-sms/core')
    const client = createClient({ apiToken: TOKEN, baseUrl: upstream })
    const [framework, variant] = role.split(':')
    if (framework === 'fastify') print(await serveFastify(client, variant))
    else print(await serveTrpc(client, variant))
  }
} else {
  await main()
}

async function serveFastify(client, variant) {
  const { default: Fastify } = await import('fastify')
  const app = Fastify()
  if (variant === 'adapter') {
    const { iprogSms } = await import('@iprog-sms/fastify')
    const authorize = (ctx) => ctx.headers.get('x-api-key') === KEY
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

function start(role, upstream) {
  const args = [fileURLToPath(import.meta.url), '--serve', role]
  if (upstream) args.push(upstream)
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
  children.push(child)
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
      const line = out.split('\n')[0]
      if (out.includes('\n')) resolve({ url: line.trim(), child })
    })
    child.once('exit', (code) => reject(new Error(`${role} exited with ${code}`)))
  })
}

function stop(server) {
  server.child.kill()
}

async function load(url, seconds) {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': KEY },
    body: BODY,
    connections: CONNECTIONS,
    duration: seconds,
  })
  return { rps: result.requests.average, bad: result.non2xx + result.errors + result.timeouts }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

async function main() {
  try {
    const upstream = await start('sandbox')
    console.log(
      `${SECONDS} s x ${ROUNDS} rounds each, ${CONNECTIONS} connections, alternating adapter / hand-written; upstream sandbox ${upstream.url}\n`,
    )
    const rows = []
    for (const framework of ['fastify', 'trpc']) {
      const adapter = await start(`${framework}:adapter`, upstream.url)
      const hand = await start(`${framework}:hand`, upstream.url)
      const path = PATHS[framework]
      await load(adapter.url + path, 1) // warm-up: JIT, keep-alive pools
      await load(hand.url + path, 1)
      const runs = { adapter: [], hand: [] }
      let bad = 0
      for (let round = 0; round < ROUNDS; round++) {
        for (const [name, server] of [
          ['adapter', adapter],
          ['hand', hand],
        ]) {
          const result = await load(server.url + path, SECONDS)
          runs[name].push(result.rps)
          bad += result.bad
        }
      }
      stop(adapter)
      stop(hand)
      const a = median(runs.adapter)
      const h = median(runs.hand)
      rows.push({ framework, adapter: a, hand: h, ratio: a / h, bad, runs })
    }
    console.log('framework | adapter req/s | hand-written req/s | ratio | target >= 0.9')
    console.log('--------- | ------------- | ------------------ | ----- | -------------')
    for (const row of rows) {
      const verdict = row.ratio >= TARGET_RATIO ? 'PASS' : 'MISS'
      console.log(
        `${row.framework.padEnd(9)} | ${row.adapter.toFixed(0).padStart(13)} | ${row.hand.toFixed(0).padStart(18)} | ${row.ratio.toFixed(2).padStart(5)} | ${verdict}`,
      )
      const list = (values) => values.map((v) => v.toFixed(0)).join(', ')
      console.log(
        `  rounds: adapter ${list(row.runs.adapter)}; hand-written ${list(row.runs.hand)}`,
      )
      if (row.bad > 0) console.log(`  (${row.framework}: ${row.bad} non-2xx or failed requests)`)
    }
  } catch (error) {
    console.error(error)
  } finally {
    for (const child of children) child.kill()
  }
}
