// Client transport overhead: `sms.messages.send` ÷ a hand-written `fetch` POST of the same body
// to the same local server (a bare node:http answering the gateway's send JSON, its own process),
// sequentially and 32 at once. The figure is the client process's CPU time per send, so the
// server's share and the machine's load move both sides alike. Target (issue 11): >= 0.9
// (median) both ways. Exits 0 whatever the result.
//
//   node benchmarks/client-transport.mjs            (after `pnpm build`)
//   BENCH_PROCESSES=7 node benchmarks/client-transport.mjs
import { createServer } from 'node:http'
import { compareFunctions, spread } from './harness/index.mjs'

const TOKEN = 'bench-token-0123456789abcdef0123456789ab'
const TO = '639171234567'
const MESSAGE = 'Salamat po! Your order #1234 is on its way.'

// What the gateway answers a send, the token in its status link as the real one has it.
const REPLY = JSON.stringify({
  status: 200,
  message: 'SMS successfully queued for delivery.',
  message_id: 'iSms-abc123',
  message_status_link: `https://www.iprogsms.com/api/v1/sms_messages/status?api_token=${TOKEN}&message_id=iSms-abc123`,
  message_status_request_mode: 'GET',
  sms_rate: 1,
})

function serveGateway() {
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(REPLY),
      })
      res.end(REPLY)
    })
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(server.address().port)),
  )
}

// The least a careful hand-written call does: POST the JSON, read the JSON, check the status.
async function handWritten(url) {
  const response = await fetch(`${url}/api/v1/sms_messages`, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify({ api_token: TOKEN, phone_number: TO, message: MESSAGE }),
  })
  const body = await response.json()
  if (body.status !== 200) throw new Error('refused')
  return body.message_id.length
}

// The same call with what the client cannot skip: a timeout that cancels the request (an abort
// signal) and no redirect followed. Information only: it shows how much of the gap is the price
// of those two guarantees rather than the client's own work.
async function handWrittenGuarded(url) {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), 30_000)
  try {
    const response = await fetch(`${url}/api/v1/sms_messages`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ api_token: TOKEN, phone_number: TO, message: MESSAGE }),
      signal: controller.signal,
      redirect: 'manual',
    })
    const body = await response.json()
    if (body.status !== 200) throw new Error('refused')
    return body.message_id.length
  } finally {
    clearTimeout(timer)
  }
}

async function viaClient(sms) {
  const sent = await sms.messages.send({ to: TO, message: MESSAGE })
  return sent.messageId.length
}

const setup = async ({ upstream }) => {
  const { createClient } = await import('@iprog-sms/core')
  return { url: upstream, sms: createClient({ apiToken: TOKEN, baseUrl: upstream }) }
}

const SEQUENTIAL = 50
const CONCURRENT = 32
const CONCURRENT_SENDS = 320

const sequential = (one) => async () => {
  let sum = 0
  for (let i = 0; i < SEQUENTIAL; i++) {
    const length = await one()
    sum += length
  }
  return sum
}

// CONCURRENT_SENDS sends with CONCURRENT in flight at any moment.
const concurrent = (one) => async () => {
  let next = 0
  let sum = 0
  const worker = async () => {
    while (next++ < CONCURRENT_SENDS) {
      // Not `sum += await …`: that reads `sum` before the await and drops the others' sends.
      const length = await one()
      sum += length
    }
  }
  await Promise.all(Array.from({ length: CONCURRENT }, worker))
  return sum
}

const upstream = { serve: serveGateway }
const GUARDED = 'fetch POST + timeout signal + redirect: manual'

for (const [id, shape, ops] of [
  ['client-send-sequential', sequential, SEQUENTIAL],
  ['client-send-concurrent', concurrent, CONCURRENT_SENDS],
]) {
  const result = await compareFunctions({
    id,
    script: import.meta.url,
    title: `client messages.send ÷ hand-written fetch POST (${id.endsWith('concurrent') ? `${CONCURRENT} in flight` : 'one at a time'})`,
    unit: 'ns/send (client CPU)',
    upstream,
    // A fresh process spends its first ~4,000 sends tiering up fetch's code (900 µs a send at
    // first, ~220 µs from about the 5,000th here): the default second of warm-up measured that
    // climb, in which the process with more code to optimise looks worse. An app that sends all
    // day runs in the steady state, so both sides warm up to it first.
    warmupMs: 5000,
    // Client and server share the machine's two cores, and the load of a few seconds moves a
    // process's figure by ±15% here: the contenders take turns sample by sample instead of one
    // process after another, so each ratio compares the same moments. A send's cost includes GC
    // and socket work that vary from sample to sample: the ratio is the turns' median, not that
    // of the fastest samples, which would pick each side's luckiest moment apart.
    interleave: true,
    ratio: 'turns',
    setup: async (context) => ({ ...(await setup(context)), ops }),
    baseline: {
      name: 'fetch POST',
      prepare: ({ url }) => shape(() => handWritten(url)),
    },
    subjects: [
      {
        name: 'messages.send',
        prepare: ({ sms }) => shape(() => viaClient(sms)),
        target: { median: 0.9 },
      },
      {
        name: GUARDED,
        prepare: ({ url }) => shape(() => handWrittenGuarded(url)),
      },
    ],
  })
  // The client's own share, apart from the price of a cancellable timeout: the same rounds, the
  // guarded hand-written call as the baseline.
  if (result) {
    const ratios = spread(
      result.ratios['messages.send'].map((ratio, round) => ratio / result.ratios[GUARDED][round]),
    )
    console.log(
      `  messages.send ÷ ${GUARDED} (same rounds, information): ` +
        `${ratios.min.toFixed(2)} / ${ratios.median.toFixed(2)} / ${ratios.max.toFixed(2)}`,
    )
  }
}
