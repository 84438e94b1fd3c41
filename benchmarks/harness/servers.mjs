// compareServers: subject and baseline HTTP servers, each a fresh child process, loaded by
// autocannon from the parent.
import autocannon from 'autocannon'
import {
  childCpuMs,
  childRole,
  clockTicksPerSecond,
  report,
  startChild,
  stopAll,
} from './processes.mjs'
import { printTable, spread, verdict } from './report.mjs'

const env = (name, fallback) => Number(process.env[name] ?? fallback)

/**
 * Compares the throughput (requests/s) of servers with a baseline server's.
 *
 * For `processes` rounds (at least 5), every contender is started as a new child process
 * (`serve({ upstream })` resolves to the port it listens on, 127.0.0.1) and warmed up with
 * `warmupSeconds` of load. Then they take turns: in each of `turns` turns every contender (order
 * rotated each turn) gets `seconds` of load from autocannon at `connections`, so the contenders
 * of a turn are measured moments apart and a burst of load on the machine falls on all of them
 * alike; the round's servers are alive together, but only the one under load works. After each
 * load the harness waits until the server is idle again, so work it left for later (a sandbox
 * settling the statuses of its sends) does not land in the next contender's load: that
 * leftover main-thread CPU time is counted as time the server was busy, requests/s =
 * requests ÷ (load seconds + leftover seconds). A turn's ratio is subject req/s ÷ baseline req/s;
 * a round's ratio is the median of its turns'. The table gives min / median / max over the
 * rounds; a target is met by the median, `min` is the worst round. Any non-2xx or failed
 * request is reported beside the table (a fast error is not throughput).
 *
 * A second table gives the server process's CPU time per request (from /proc, Linux: all its
 * threads, leftover work included), as baseline CPU/request ÷ subject CPU/request: on a loaded
 * machine requests/s also measures how often the server got a core, CPU per request much less
 * so. `metric: 'cpu'` puts the targets on that table instead of on requests/s.
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
 * @param spec.processes rounds (default 5; BENCH_PROCESSES overrides); `turns` (default 5;
 *   BENCH_TURNS), `seconds` of load per turn (default 1; BENCH_SECONDS), `warmupSeconds` (1),
 *   `connections` (32; BENCH_CONNECTIONS)
 * @returns in the parent, `{ rows, figures, cpuRows, cpu }` (figures: req/s, cpu: CPU µs per
 *   request, per round per contender: the median of its turns)
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
  const turns = env('BENCH_TURNS', spec.turns ?? 5)
  const seconds = env('BENCH_SECONDS', spec.seconds ?? 1)
  const warmupSeconds = spec.warmupSeconds ?? 1
  const connections = env('BENCH_CONNECTIONS', spec.connections ?? 32)
  // BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles every server process
  // (one .cpuprofile per contender per round; the profiler's own cost is in the figures then).
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []
  const children = new Set()
  const figures = Object.fromEntries(contenders.map((c) => [c.name, []]))
  const cpu = Object.fromEntries(contenders.map((c) => [c.name, []]))
  const ratios = Object.fromEntries(spec.subjects.map((s) => [s.name, { rps: [], cpu: [] }]))
  const failures = Object.fromEntries(contenders.map((c) => [c.name, 0]))
  const common = { script: spec.script, bench: spec.id, children }
  try {
    let upstream
    if (spec.upstream) upstream = (await startChild({ ...common, role: 'upstream' })).value.url
    for (let round = 0; round < processes; round++) {
      const order = contenders.map((_, k) => contenders[(k + round) % contenders.length])
      const servers = []
      try {
        for (const contender of order) {
          const server = await startChild({ ...common, role: contender.name, upstream, nodeArgs })
          const request = { ...spec.request, ...contender.request }
          servers.push({ contender, server, request, turns: [] })
        }
        for (const { server, request } of servers) {
          await load(server.value.url, request, warmupSeconds, connections)
          await untilIdle(server.pid)
        }
        for (let turn = 0; turn < turns; turn++) {
          for (let k = 0; k < servers.length; k++) {
            const { contender, server, request, turns: done } = servers[(k + turn) % servers.length]
            const measured = await loadTurn(server, request, seconds, connections)
            done.push(measured)
            failures[contender.name] += measured.bad
          }
        }
      } finally {
        for (const { server } of servers) server.stop()
      }
      const byName = Object.fromEntries(servers.map((s) => [s.contender.name, s.turns]))
      for (const contender of contenders) {
        const own = byName[contender.name]
        figures[contender.name].push(spread(own.map((t) => t.rps)).median)
        cpu[contender.name].push(spread(own.map((t) => t.cpuPerRequest)).median)
      }
      const base = byName[spec.baseline.name]
      for (const subject of spec.subjects) {
        const own = byName[subject.name]
        const median = (ratio) => spread(own.map((t, turn) => ratio(t, base[turn]))).median
        ratios[subject.name].rps.push(median((t, b) => t.rps / b.rps))
        ratios[subject.name].cpu.push(median((t, b) => b.cpuPerRequest / t.cpuPerRequest))
      }
    }
  } finally {
    stopAll(children)
  }
  const onCpu = spec.metric === 'cpu'
  const table = (metric, targeted) =>
    spec.subjects.map((subject) => {
      const spreadOf = spread(ratios[subject.name][metric])
      const target = targeted ? subject.target : undefined
      return { name: subject.name, ratios: spreadOf, target, verdict: verdict(spreadOf, target) }
    })
  const rows = table('rps', !onCpu)
  const cpuRows = table('cpu', onCpu)
  const note =
    `${processes} rounds of fresh server processes, one per contender, ${warmupSeconds} s warm-up, ` +
    `then ${turns} turns of ${seconds} s at ${connections} connections each, taking turns; ` +
    `a round's ratio = the median over its turns of subject req/s ÷ ${spec.baseline.name} req/s.`
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
      note: `ratio = ${spec.baseline.name} CPU/request ÷ subject CPU/request, median of the turns (above 1: cheaper).`,
    })
  }
  for (const [name, bad] of Object.entries(failures)) {
    if (bad > 0) console.log(`  WARNING: ${name}: ${bad} non-2xx or failed requests`)
  }
  return { rows, figures, cpuRows, cpu }
}

/**
 * One turn of one server: `seconds` of load, then the wait until it is idle, its leftover
 * main-thread time counted as busy time.
 */
async function loadTurn(server, request, seconds, connections) {
  const cpuBefore = childCpuMs(server.pid)
  const result = await load(server.value.url, request, seconds, connections)
  const { cpuMs, leftoverMs } = await untilIdle(server.pid)
  return {
    rps: result.total / (result.seconds + leftoverMs / 1000),
    cpuPerRequest: ((cpuMs - cpuBefore) * 1000) / Math.max(1, result.total),
    bad: result.bad,
  }
}

const IDLE_POLL_MS = 100

/**
 * Waits until the process's main thread is idle (at most one clock tick of CPU over a 100 ms
 * poll: a timer or two, not work left over), at most 10 s. Gives its CPU time then (all
 * threads) and the main thread's time spent while waiting (0 without /proc: nothing to count).
 */
async function untilIdle(pid) {
  const tickMs = 1000 / clockTicksPerSecond()
  const first = childCpuMs(pid, { mainThread: true })
  let last = first
  for (let waited = 0; last !== undefined && waited < 10_000; waited += IDLE_POLL_MS) {
    await new Promise((resolve) => setTimeout(resolve, IDLE_POLL_MS))
    const now = childCpuMs(pid, { mainThread: true })
    const busy = now !== undefined && now - last > tickMs
    last = now
    if (!busy) break
  }
  const leftoverMs = last === undefined || first === undefined ? 0 : last - first
  return { cpuMs: childCpuMs(pid), leftoverMs }
}

async function load(url, request, duration, connections) {
  const { path = '/', ...rest } = request
  const result = await autocannon({ url: url + path, ...rest, connections, duration })
  const bad = result.non2xx + result.errors + result.timeouts
  return { total: result.requests.total, seconds: result.duration, bad }
}
