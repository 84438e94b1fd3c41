// Sandbox throughput: single sends over loopback (autocannon) and the client's sendBulk of
// 10,000 recipients. Target: >= 5,000 sends/s, so the sandbox is never the bottleneck of
// another benchmark. The servers run in child processes so the load generator does not share
// their event loop; a bare node:http server answering fixed JSON, measured in the same run,
// is the baseline. Exits 0 whatever the result (benchmarks never fail CI).
//
//   node benchmarks/sandbox.mjs            (after `pnpm build`)
//   BENCH_SECONDS=10 node benchmarks/sandbox.mjs
import { spawn } from 'node:child_process'
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'

const TARGET_SENDS_PER_SECOND = 5_000
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4)
const ROUNDS = 2
const CONNECTIONS = 10
// Server processes, stopped however the run ends.
const children = []
const TOKEN = 'bench-token'
const SEND_BODY = JSON.stringify({
  api_token: TOKEN,
  phone_number: '639171234567',
  message: 'Salamat po! Your order #1234 is on its way.',
})

// ---- child side: `node sandbox.mjs --serve sandbox|baseline` prints its URL and serves ----
if (process.argv[2] === '--serve') {
  const kind = process.argv[3]
  if (kind === 'baseline') {
    const answer = JSON.stringify({
      status: 200,
      message: 'SMS successfully queued for delivery.',
      message_id: 'iSms-abc123',
      message_status_link: 'http://127.0.0.1/api/v1/sms_messages/status?message_id=iSms-abc123',
      message_status_request_mode: 'GET',
      sms_rate: 1,
    })
    // Reads the body like the sandbox must, then answers the same bytes every time.
    const server = createServer((req, res) => {
      const chunks = []
      req.setEncoding('utf8')
      req.on('data', (chunk) => {
        chunks.push(chunk)
      })
      req.on('end', () => {
        chunks.join('')
        res.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(answer),
        })
        res.end(answer)
      })
    })
    server.listen(0, '127.0.0.1', () => {
      console.log(`http://127.0.0.1:${server.address().port}`)
    })
  } else {
    const { startSandbox } = await import('@iprog-sms/sandbox')
    const running = await startSandbox({
      port: 0,
      tokens: { [TOKEN]: 1e12 },
      maxMessages: 1_000_000,
    })
    console.log(running.url)
  }
  process.on('SIGTERM', () => process.exit(0))
} else {
  try {
    await main()
  } catch (error) {
    console.log(
      `  MISS: the sandbox benchmark could not run: ${error instanceof Error ? error.message : error}`,
    )
  } finally {
    for (const child of children) child.kill('SIGTERM')
  }
}

function serve(kind) {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--serve', kind], {
    cwd: fileURLToPath(new URL('.', import.meta.url)),
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.push(child)
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)))
    child.stdout.setEncoding('utf8')
    child.stdout.once('data', (line) =>
      resolve({ url: line.trim(), stop: () => child.kill('SIGTERM') }),
    )
  })
}

async function cannon(url, seconds) {
  const result = await autocannon({
    url: `${url}/api/v1/sms_messages`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: SEND_BODY,
    connections: CONNECTIONS,
    duration: seconds,
  })
  return {
    perSecond: result.requests.average,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    p99: result.latency.p99,
  }
}

async function balance(url) {
  const body = await (await fetch(`${url}/__sandbox/balances`)).json()
  return body[TOKEN]
}

async function main() {
  console.log(
    `sandbox: POST /api/v1/sms_messages, ${ROUNDS} x ${SECONDS} s per server (best run counts), ${CONNECTIONS} connections, servers in child processes`,
  )

  // Both servers stay up; runs alternate and the best of each counts, so a burst of other work
  // on the machine does not land on one side only.
  const baseline = await serve('baseline')
  const sandbox = await serve('sandbox')
  await cannon(baseline.url, 1) // warm-up
  await cannon(sandbox.url, 1)
  const before = await balance(sandbox.url)
  const bareRuns = []
  const sendRuns = []
  for (let round = 0; round < ROUNDS; round++) {
    bareRuns.push(await cannon(baseline.url, SECONDS))
    sendRuns.push(await cannon(sandbox.url, SECONDS))
  }
  baseline.stop()
  const charged = before - (await balance(sandbox.url))
  const best = (runs) => runs.reduce((a, b) => (b.perSecond > a.perSecond ? b : a))
  const bare = best(bareRuns)
  const sends = {
    ...best(sendRuns),
    total: sendRuns.reduce((n, r) => n + r.total, 0),
    non2xx: sendRuns.reduce((n, r) => n + r.non2xx, 0),
    errors: sendRuns.reduce((n, r) => n + r.errors, 0),
  }

  // sendBulk of 10,000 recipients through the real client (default chunking: 500 per call).
  const { createClient } = await import('@iprog-sms/core')
  const sms = createClient({ apiToken: TOKEN, baseUrl: sandbox.url })
  const recipients = Array.from({ length: 10_000 }, (_, i) => `0917${String(i).padStart(7, '0')}`)
  const bulkTimes = []
  let accepted = 0
  for (let run = 0; run < 3; run++) {
    const started = performance.now()
    const result = await sms.messages.sendBulk({
      to: recipients,
      message: 'Brownout bukas, 9AM-3PM.',
    })
    bulkTimes.push(performance.now() - started)
    accepted = result.accepted.length
  }
  sandbox.stop()

  const ratio = sends.perSecond / bare.perSecond
  const bestBulk = Math.min(...bulkTimes)
  const pass =
    sends.perSecond >= TARGET_SENDS_PER_SECOND && sends.non2xx === 0 && sends.errors === 0
  const fmt = (n) => Math.round(n).toLocaleString('en-US')
  console.log(
    `  bare node:http baseline   ${fmt(bare.perSecond)} req/s (p99 ${bare.p99} ms; runs ${bareRuns.map((r) => fmt(r.perSecond)).join(' / ')})`,
  )
  console.log(
    `  sandbox single sends      ${fmt(sends.perSecond)} sends/s (p99 ${sends.p99} ms), ` +
      `${(ratio * 100).toFixed(0)}% of baseline (runs ${sendRuns.map((r) => fmt(r.perSecond)).join(' / ')}); ` +
      `${fmt(sends.total)} sends, ${fmt(charged)} credits charged, ` +
      `${sends.non2xx} non-2xx, ${sends.errors} errors`,
  )
  console.log(
    `  client sendBulk 10,000    best ${fmt(bestBulk)} ms (${bulkTimes.map(fmt).join(' / ')} ms), ` +
      `${accepted} accepted, ${fmt(10_000 / (bestBulk / 1000))} recipients/s`,
  )
  console.log(
    `  ${pass ? 'PASS' : 'MISS'}: sandbox ${fmt(sends.perSecond)} sends/s vs target ${fmt(TARGET_SENDS_PER_SECOND)}`,
  )
}
