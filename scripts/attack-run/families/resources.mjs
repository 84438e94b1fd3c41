/**
 * Resource caps: body caps however the body was read (each adapter alone, Express behind the
 * app's own `express.json({ limit: '10mb' })`, declared length or chunked; tRPC with a 4 MB
 * input), the CPU of the public `/segments` route on a 64 kB text, and the heap an OpenAPI
 * document per request-derived prefix costs under `/:tenant/sms` (Express).
 */
import { ROUTES_KEY, startAll, startExpress } from '../apps.mjs'
import { row, startEnvironment } from '../environment.mjs'
import { request } from '../http.mjs'

const TENANTS = 2_000

/** @example `const rows = await resources(loadCheckout(dir))` */
export async function resources(co) {
  return [...(await bodyCaps(co)), ...(await segmentsCpu(co)), await openapiHeap(co)]
}

async function bodyCaps(co) {
  const env = await startEnvironment(co)
  const apps = await startAll(co, () => env.serviceOptions({ authorize: 'public' }))
  const rows = []
  try {
    for (const app of apps) {
      const size = app.kind === 'trpc' ? 4_000_000 : 1_000_000
      let requests = 0
      let fivexx = 0
      let leaks = 0
      let passed = 0
      const statuses = []
      for (const [op, path] of [
        ['segments', '/segments'],
        ['messages.send', '/messages'],
      ]) {
        for (const chunked of [false, true]) {
          const url = app.kind === 'trpc' ? `${app.base}/sms.${op}` : `${app.base}${path}`
          const body = JSON.stringify({
            to: '09171234567',
            message: 'x'.repeat(size),
            text: 'y'.repeat(size),
          })
          const answer = await request(url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-api-key': ROUTES_KEY,
              ...(chunked ? { 'transfer-encoding': 'chunked' } : {}),
            },
            body,
            chunked,
            fresh: true,
            timeoutMs: 20_000,
          })
          requests += 1
          if (answer.status >= 500) fivexx += 1
          if (env.leaks.check(answer.text)) leaks += 1
          if (answer.status !== 413) passed += 1
          statuses.push(`${op}${chunked ? ' chunked' : ''} ${answer.status || 'no answer'}`)
        }
      }
      rows.push(
        row(
          `cap:${app.name}`,
          `${size / 1e6} MB body (cap 64 kB): ${app.name}`,
          'over-cap bodies not refused with 413',
          {
            requests,
            fivexx,
            leaks,
            bypasses: passed,
            note: statuses.join(', '),
          },
        ),
      )
    }
  } finally {
    for (const app of apps) await app.close()
    await env.close()
  }
  return rows
}

async function segmentsCpu(co) {
  const env = await startEnvironment(co)
  const app = await startExpress(co, env.serviceOptions())
  // Surrogate pairs with smart encoding: the slowest analysis a body under the 64 kB cap buys.
  const text = '😀'.repeat(16_000)
  const times = []
  let analysed = 0
  let fivexx = 0
  try {
    for (let i = 0; i < 20; i++) {
      const answer = await request(`${app.base}/segments`, {
        method: 'POST',
        json: { text, smartEncoding: true },
      })
      if (answer.status === 200) analysed += 1
      if (answer.status >= 500) fivexx += 1
      times.push(answer.ms)
    }
  } finally {
    await app.close()
    await env.close()
  }
  times.sort((a, b) => a - b)
  return [
    row(
      'segments-cpu',
      'POST /segments with a 64 kB text (16,000 emoji, smart encoding)',
      'texts analysed (max 10 parts)',
      {
        requests: times.length,
        fivexx,
        bypasses: analysed,
        figure: `median ${times[times.length >> 1].toFixed(1)} ms`,
      },
    ),
  ]
}

async function openapiHeap(co) {
  const env = await startEnvironment(co)
  const app = await startExpress(co, env.serviceOptions({ openapi: true }), {
    prefix: '/:tenant/sms',
  })
  const root = app.root
  let copies = 0
  let fivexx = 0
  const heap = () => {
    globalThis.gc?.()
    globalThis.gc?.()
    return process.memoryUsage().heapUsed
  }
  try {
    // Baseline: as many requests for one tenant's document, so only per-tenant growth remains.
    const base0 = heap()
    for (let i = 0; i < TENANTS; i++) await request(`${root}/warmup/sms/openapi.json`)
    const baseline = heap() - base0
    const start = heap()
    for (let i = 0; i < TENANTS; i++) {
      const answer = await request(`${root}/tenant-${i}/sms/openapi.json`)
      if (answer.status >= 500 || answer.status === 0) fivexx += 1
      if (answer.text.includes(`tenant-${i}`)) copies += 1
    }
    const grown = heap() - start
    return row(
      'openapi-heap',
      `OpenAPI under /:tenant/sms, ${TENANTS.toLocaleString('en')} tenants (Express)`,
      'documents copying the request path',
      {
        requests: TENANTS,
        fivexx,
        bypasses: copies,
        figure: globalThis.gc
          ? `${(grown / TENANTS / 1024).toFixed(1)} kB heap per tenant (one tenant: ${(baseline / TENANTS / 1024).toFixed(1)})`
          : 'run with --expose-gc',
      },
    )
  } finally {
    await app.close()
    await env.close()
  }
}
