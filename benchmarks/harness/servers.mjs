// compareServers: subject and baseline HTTP servers, each a fresh child process, loaded by
// autocannon from the parent.
import autocannon from 'autocannon'
import { childCpuMs, childRole, report, startChild, stopAll } from './processes.mjs'
import { printTable, spread, verdict } from './report.mjs'

const env = (name, fallback) => Number(process.env[name] ?? fallback)

/**
 * Compares the throughput (requests/s) of servers with a baseline server's.
 *
 * For `processes` rounds (at least 5), every contender (order rotated each round) is started as a
 * new child process (`serve({ upstream })` resolves to the port it listens on, 127.0.0.1),
 * warmed up with `warmupSeconds` of load, measured for `seconds` with autocannon at
 * `connections`, then stopped. A round's ratio is subject req/s ÷ baseline req/s. The table gives
 * min / median / max; a target is met by the median, `min` is the worst round. Any non-2xx or
 * failed request is reported beside the table (a fast error is not throughput).
 *
 * A second table gives the server process's CPU time per request (from /proc, Linux), as
 * baseline CPU/request ÷ subject CPU/request: on a loaded machine requests/s also measures
 * how often the server got a core, CPU per request much less so. `metric: 'cpu'` puts the
 * targets on that table instead of on requests/s.
 *
 * @param spec.id unique among the file's comparisons
 * @param spec.script the bench file, `import.meta.url`: children re-run it
 * @param spec.title heading of the printed table
 * @param spec.request autocannon request options `{ method, path, headers, body }`; a contender
 *   may carry its own `request` to override fields (e.g. another path)
 * @param spec.baseline `{ name, serve, request? }`
 * @param spec.subjects `[{ name, serve, request?, target?: { median, min? } }]`
 * @param spec.upstream optional `{ serve: async () => port }`: one child for the whole run
 *   (e.g. the sandbox), its URL passed to every `serve({ upstream })`
 * @param spec.metric `'throughput'` (default: targets on req/s) or `'cpu'` (on CPU/request)
 * @param spec.processes rounds (default 5; BENCH_PROCESSES overrides); `seconds` (default 3;
 *   BENCH_SECONDS), `warmupSeconds` (1), `connections` (32; BENCH_CONNECTIONS)
 * @returns in the parent, `{ rows, figures, cpuRows, cpu }` (figures: req/s, cpu: CPU µs per
 *   request, per round per contender)
 * @example
 * await compareServers({
 *   id: 'hello', script: import.meta.url, title: 'express ÷ node:http',
 *   request: { method: 'GET', path: '/' },
 *   baseline: { name: 'node:http', serve: serveBare },
 *   subjects: [{ name: 'express', serve: serveExpress, target: { median: 0.5 } }],
 * })
 */
export async function compareServers(spec) {
  const contenders = [spec.baseline, ...spec.subjects]
  const role = childRole()
  if (role) {
    if (role.bench !== spec.id) return undefined
    const contender =
      role.role === 'upstream' ? spec.upstream : contenders.find((c) => c.name === role.role)
    const port = await contender.serve({ upstream: role.upstream })
    report({ url: `http://127.0.0.1:${port}` })
    process.on('SIGTERM', () => process.exit(0))
    return new Promise(() => {})
  }
  const processes = env('BENCH_PROCESSES', spec.processes ?? 5)
  const seconds = env('BENCH_SECONDS', spec.seconds ?? 3)
  const warmupSeconds = spec.warmupSeconds ?? 1
  const connections = env('BENCH_CONNECTIONS', spec.connections ?? 32)
  // BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles every server process
  // (one .cpuprofile per contender per round; the profiler's own cost is in the figures then).
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []
  const children = new Set()
  const figures = Object.fromEntries(contenders.map((c) => [c.name, []]))
  const cpu = Object.fromEntries(contenders.map((c) => [c.name, []]))
  const failures = Object.fromEntries(contenders.map((c) => [c.name, 0]))
  const common = { script: spec.script, bench: spec.id, children }
  try {
    let upstream
    if (spec.upstream) upstream = (await startChild({ ...common, role: 'upstream' })).value.url
    for (let round = 0; round < processes; round++) {
      for (let k = 0; k < contenders.length; k++) {
        const contender = contenders[(k + round) % contenders.length]
        const server = await startChild({ ...common, role: contender.name, upstream, nodeArgs })
        const request = { ...spec.request, ...contender.request }
        try {
          await load(server.value.url, request, warmupSeconds, connections)
          const cpuBefore = childCpuMs(server.pid)
          const result = await load(server.value.url, request, seconds, connections)
          const cpuMs = childCpuMs(server.pid) - cpuBefore
          figures[contender.name].push(result.rps)
          cpu[contender.name].push((cpuMs * 1000) / Math.max(1, result.total))
          failures[contender.name] += result.bad
        } finally {
          server.stop()
        }
      }
    }
  } finally {
    stopAll(children)
  }
  const onCpu = spec.metric === 'cpu'
  const table = (values, ratio, targeted) =>
    spec.subjects.map((subject) => {
      const base = values[spec.baseline.name]
      const ratios = spread(values[subject.name].map((v, round) => ratio(v, base[round])))
      const target = targeted ? subject.target : undefined
      return { name: subject.name, ratios, target, verdict: verdict(ratios, target) }
    })
  const rows = table(figures, (rps, base) => rps / base, !onCpu)
  const cpuRows = table(cpu, (us, base) => base / us, onCpu)
  const note =
    `${processes} rounds, each contender a fresh server process per round, ${warmupSeconds} s warm-up + ` +
    `${seconds} s at ${connections} connections; ratio = subject req/s ÷ ${spec.baseline.name} req/s in the same round.`
  printTable({
    title: spec.title,
    baseline: spec.baseline.name,
    rows,
    figures,
    unit: 'req/s',
    note,
  })
  if (Object.values(cpu).every((list) => list.every(Number.isFinite))) {
    printTable({
      title: `${spec.title}: server CPU per request`,
      baseline: spec.baseline.name,
      rows: cpuRows,
      figures: cpu,
      unit: 'CPU µs/request',
      note: `ratio = ${spec.baseline.name} CPU/request ÷ subject CPU/request in the same round (above 1: cheaper).`,
    })
  }
  for (const [name, bad] of Object.entries(failures)) {
    if (bad > 0) console.log(`  WARNING: ${name}: ${bad} non-2xx or failed requests`)
  }
  return { rows, figures, cpuRows, cpu }
}

async function load(url, request, duration, connections) {
  const { path = '/', ...rest } = request
  const result = await autocannon({ url: url + path, ...rest, connections, duration })
  const bad = result.non2xx + result.errors + result.timeouts
  return { rps: result.requests.average, total: result.requests.total, bad }
}
