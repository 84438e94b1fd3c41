// Adapter overhead, Express and Hono: requests/s of `POST /sms/messages` through the adapter
// versus a hand-written route in the same framework that parses JSON, checks the same key and
// calls the same client against the same upstream (the sandbox). Target: the adapter keeps
// >= 0.9 of the hand-written route's throughput. Every server runs in its own child process, so
// the load generator, the upstream and the app never share an event loop; rounds alternate
// adapter/hand-written and the median of each is reported. Exits 0 whatever the result.
//
//   node benchmarks/adapters-rest.mjs            (after `pnpm build`)
//   BENCH_SECONDS=8 BENCH_ROUNDS=5 node benchmarks/adapters-rest.mjs
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'

const TARGET_RATIO = 0.9
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32)
const TOKEN = 'bench-adapters-token'
const KEY = 'bench-key'
const BODY = JSON.stringify({ to: '0917 123 4567', message: 'Salamat po! Order #1234 shipped.' })
const children = []

// ---- child side: `node adapters-rest.mjs --serve <role> [upstream]` prints its URL ----
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
    const authorize = (ctx) => ctx.headers.get('x-api-key') === KEY
    const [framework, variant] = role.split(':')
    if (framework === 'express') {
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
      const server = app.listen(0, '127.0.0.1', () => print(server.address().port))
    } else {
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
      serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => print(info.port))
    }
  }
} else {
  await main()
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
    url: `${url}/sms/messages`,
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
    for (const framework of ['express', 'hono']) {
      const adapter = await start(`${framework}:adapter`, upstream.url)
      const hand = await start(`${framework}:hand`, upstream.url)
      await load(adapter.url, 1) // warm-up: JIT, keep-alive pools
      await load(hand.url, 1)
      const runs = { adapter: [], hand: [] }
      let bad = 0
      for (let round = 0; round < ROUNDS; round++) {
        for (const [name, server] of [
          ['adapter', adapter],
          ['hand', hand],
        ]) {
          const result = await load(server.url, SECONDS)
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
