// Adapter overhead harness shared by adapters-rest.mjs and adapters-fastify-trpc.mjs: requests/s
// of one SMS send through an adapter versus a hand-written equivalent in the same framework that
// checks the same key and calls the same client against the same upstream (the sandbox). Every
// server runs in its own child process (the bench file re-run as `--serve <role> [upstream]`,
// printing its URL), so the load generator, the upstream and the app never share an event loop;
// rounds alternate adapter/hand-written and the median of each is reported against a 0.9 target.
// A bench file only says how each framework's two apps are built and which path they answer on.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'

const TARGET_RATIO = 0.9
const TOKEN = 'bench-adapters-token'
const BODY = JSON.stringify({ to: '0917 123 4567', message: 'Salamat po! Order #1234 shipped.' })

/** The `x-api-key` value every app, adapter or hand-written, accepts. */
export const KEY = 'bench-key'

/** The adapters' `authorize` option: the same key check the hand-written apps do inline. */
export const authorize = (ctx) => ctx.headers.get('x-api-key') === KEY

/**
 * Runs the comparison, or, in a child started by it, serves one role and prints its URL.
 * Call it once at the top level of a bench file. `frameworks` maps a name to `{ path, serve }`:
 * `serve(client, variant)` starts that framework's `'adapter'` or `'hand'` app on 127.0.0.1,
 * port 0, and resolves to the port; `path` is where the send request goes. BENCH_SECONDS,
 * BENCH_ROUNDS and BENCH_CONNECTIONS override `seconds`, `rounds` and 32 connections.
 * Always resolves: errors are printed and every child is killed.
 *
 * @example
 * await runAdapterOverhead({
 *   script: import.meta.url,
 *   seconds: 3,
 *   rounds: 5,
 *   frameworks: { express: { path: '/sms/messages', serve: serveExpress } },
 * })
 */
export async function runAdapterOverhead({ script, seconds, rounds, frameworks }) {
  if (process.argv[2] === '--serve') {
    const [, , , role, upstream] = process.argv
    console.log(`http://127.0.0.1:${await serve(frameworks, role, upstream)}`)
    return
  }
  const settings = {
    script,
    seconds: Number(process.env.BENCH_SECONDS ?? seconds),
    rounds: Number(process.env.BENCH_ROUNDS ?? rounds),
    connections: Number(process.env.BENCH_CONNECTIONS ?? 32),
  }
  const children = []
  try {
    printTable(await measure(settings, frameworks, children))
  } catch (error) {
    console.error(error)
  } finally {
    for (const child of children) child.kill()
  }
}

async function serve(frameworks, role, upstream) {
  if (role === 'sandbox') {
    const { startSandbox } = await import('@iprog-sms/sandbox')
    const running = await startSandbox({ port: 0, tokens: { [TOKEN]: 1e12 }, maxMessages: 1000 })
    return running.port
  }
  const { createClient } = await import('@iprog-sms/core')
  const client = createClient({ apiToken: TOKEN, baseUrl: upstream })
  const [framework, variant] = role.split(':')
  return frameworks[framework].serve(client, variant)
}

async function measure(settings, frameworks, children) {
  const { seconds, rounds, connections } = settings
  const start = (role, upstream) => startChild(settings.script, role, upstream, children)
  const load = (url, duration) => loadOnce(url, duration, connections)
  const upstream = await start('sandbox')
  console.log(
    `${seconds} s x ${rounds} rounds each, ${connections} connections, alternating adapter / hand-written; upstream sandbox ${upstream.url}\n`,
  )
  const rows = []
  for (const [framework, { path }] of Object.entries(frameworks)) {
    const adapter = await start(`${framework}:adapter`, upstream.url)
    const hand = await start(`${framework}:hand`, upstream.url)
    await load(adapter.url + path, 1) // warm-up: JIT, keep-alive pools
    await load(hand.url + path, 1)
    const runs = { adapter: [], hand: [] }
    let bad = 0
    for (let round = 0; round < rounds; round++) {
      for (const [name, server] of [
        ['adapter', adapter],
        ['hand', hand],
      ]) {
        const result = await load(server.url + path, seconds)
        runs[name].push(result.rps)
        bad += result.bad
      }
    }
    adapter.child.kill()
    hand.child.kill()
    const a = median(runs.adapter)
    const h = median(runs.hand)
    rows.push({ framework, adapter: a, hand: h, ratio: a / h, bad, runs })
  }
  return rows
}

function startChild(script, role, upstream, children) {
  const args = [fileURLToPath(script), '--serve', role]
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

async function loadOnce(url, duration, connections) {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': KEY },
    body: BODY,
    connections,
    duration,
  })
  return { rps: result.requests.average, bad: result.non2xx + result.errors + result.timeouts }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

function printTable(rows) {
  console.log('framework | adapter req/s | hand-written req/s | ratio | target >= 0.9')
  console.log('--------- | ------------- | ------------------ | ----- | -------------')
  for (const row of rows) {
    const verdict = row.ratio >= TARGET_RATIO ? 'PASS' : 'MISS'
    console.log(
      `${row.framework.padEnd(9)} | ${row.adapter.toFixed(0).padStart(13)} | ${row.hand.toFixed(0).padStart(18)} | ${row.ratio.toFixed(2).padStart(5)} | ${verdict}`,
    )
    const list = (values) => values.map((v) => v.toFixed(0)).join(', ')
    console.log(`  rounds: adapter ${list(row.runs.adapter)}; hand-written ${list(row.runs.hand)}`)
    if (row.bad > 0) console.log(`  (${row.framework}: ${row.bad} non-2xx or failed requests)`)
  }
}
