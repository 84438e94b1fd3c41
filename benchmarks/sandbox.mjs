// Sandbox throughput: single sends over loopback against a bare node:http server answering
// the same JSON, every contender a fresh server process per round (harness/, min / median /
// max of the ratio), then the client's sendBulk of 10,000 recipients for information.
// Targets: sandbox ÷ bare node:http >= 0.7 (median), and >= 5,000 sends/s, so the sandbox is
// never the bottleneck of another benchmark. Exits 0 whatever the result.
//
//   node benchmarks/sandbox.mjs            (after `pnpm build`)
//   BENCH_PROCESSES=7 BENCH_TURNS=7 node benchmarks/sandbox.mjs
import { createServer } from 'node:http'
import { compareServers, formatNumber, isHarnessChild, spread } from './harness/index.mjs'

const TARGET_SENDS_PER_SECOND = 5_000
const TOKEN = 'bench-token'
const SEND_BODY = JSON.stringify({
  api_token: TOKEN,
  phone_number: '639171234567',
  message: 'Salamat po! Your order #1234 is on its way.',
})

// What the sandbox answers a send, with a fixed id: the same bytes every time.
const ANSWER = JSON.stringify({
  status: 200,
  message: 'SMS successfully queued for delivery.',
  message_id: 'iSms-abc123',
  message_status_link: `http://127.0.0.1/api/v1/sms_messages/status?api_token=${TOKEN}&message_id=iSms-abc123`,
  message_status_request_mode: 'GET',
  sms_rate: 1,
})

/** Reads the body like the sandbox must, then answers the same bytes every time. */
function serveBare() {
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
        'content-length': Buffer.byteLength(ANSWER),
      })
      res.end(ANSWER)
    })
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(server.address().port)),
  )
}

async function serveSandbox() {
  const { startSandbox } = await import('@iprog-sms/sandbox')
  // The default cap on kept messages (100,000), as a developer's sandbox runs.
  const running = await startSandbox({ port: 0, tokens: { [TOKEN]: 1e12 } })
  return running.port
}

const result = await compareServers({
  id: 'sandbox-send',
  script: import.meta.url,
  title: 'sandbox: POST /api/v1/sms_messages ÷ bare node:http answering the same JSON',
  request: {
    method: 'POST',
    path: '/api/v1/sms_messages',
    headers: { 'content-type': 'application/json' },
    body: SEND_BODY,
  },
  baseline: { name: 'node:http', serve: serveBare },
  subjects: [{ name: 'sandbox', serve: serveSandbox, target: { median: 0.7 } }],
})

if (!isHarnessChild() && result !== undefined) {
  const sends = spread(result.figures.sandbox)
  const pass = sends.median >= TARGET_SENDS_PER_SECOND
  console.log(
    `\n  ${pass ? 'PASS' : 'MISS'}: sandbox ${formatNumber(sends.median)} sends/s median ` +
      `(min ${formatNumber(sends.min)}) vs target ${formatNumber(TARGET_SENDS_PER_SECOND)}`,
  )
  await bulk()
}

// sendBulk of 10,000 recipients through the real client (default chunking: 500 per call), the
// client and the sandbox in this one process: information only.
async function bulk() {
  const { createClient } = await import('@iprog-sms/core')
  const { startSandbox } = await import('@iprog-sms/sandbox')
  const running = await startSandbox({ port: 0, tokens: { [TOKEN]: 1e12 } })
  try {
    const sms = createClient({ apiToken: TOKEN, baseUrl: running.url })
    const recipients = Array.from({ length: 10_000 }, (_, i) => `0917${String(i).padStart(7, '0')}`)
    const times = []
    let accepted = 0
    for (let run = 0; run < 3; run++) {
      const started = performance.now()
      const sent = await sms.messages.sendBulk({
        to: recipients,
        message: 'Brownout bukas, 9AM-3PM.',
      })
      times.push(performance.now() - started)
      accepted = sent.accepted.length
    }
    const best = Math.min(...times)
    console.log(
      `  client sendBulk 10,000 (client and sandbox in one process): best ${formatNumber(best)} ms ` +
        `(${times.map(formatNumber).join(' / ')} ms), ${accepted} accepted, ` +
        `${formatNumber(10_000 / (best / 1000))} recipients/s`,
    )
  } finally {
    await running.close()
  }
}
