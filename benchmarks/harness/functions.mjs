// compareFunctions: subject and baseline functions, each measured alone in fresh processes.
import { childRole, report, startChild, stopAll } from './processes.mjs'
import { printTable, spread, verdict } from './report.mjs'

const env = (name, fallback) => Number(process.env[name] ?? fallback)

/**
 * Compares the speed of functions with a baseline's, each in its own fresh Node process.
 *
 * For `processes` rounds (at least 5), every contender (baseline and subjects, in an order
 * rotated each round) runs alone in a new process: `setup()` builds the workload, the
 * contender's `prepare(context)` returns one *pass* over it, passes run for `warmupMs`, then for
 * `samples` × `sampleMs` with a GC before each sample; the process's figure is its fastest
 * sample's time per operation (other work on the machine only ever adds time, so the fastest
 * sample is the closest to the code's own cost; a slow JIT mode still shows, as every sample of
 * that process is slow). Time is the process's CPU time (user + system, all its threads:
 * GC and JIT work count) unless `clock: 'wall'`: on a shared, loaded machine the wall clock
 * also counts the time the process waits for a core, which no code change can move. A round's ratio is baseline time ÷ subject time (above 1: the
 * subject is faster), so the processes of one round share the machine's load of that moment.
 * The table gives min / median / max of the ratios; a target is met by the median, `min` is the
 * worst process.
 *
 * A pass returns a number (a checksum of everything it read: make it depend on every field the
 * benchmark claims to measure). The first pass's checksum must be the same in every process of a
 * contender, or the run says so: a nondeterministic pass measures something else each time.
 *
 * In a harness child this never resolves for the matching bench (the child exits when done),
 * and resolves to `undefined` at once for other benches of the same file.
 *
 * @param spec.id unique among the file's comparisons (names the child's job)
 * @param spec.script the bench file, `import.meta.url`: children re-run it
 * @param spec.title heading of the printed table
 * @param spec.unit what one operation is, e.g. `'ns/msg'` (figures are ns per operation)
 * @param spec.setup `async () => context` in each child; `context.ops` is operations per pass
 * @param spec.baseline `{ name, prepare }`
 * @param spec.subjects `[{ name, prepare, target?: { median, min? } }]`; `prepare(context)`
 *   returns a pass `() => number | Promise<number>`, or `{ pass, ops }` to override `context.ops`
 * @param spec.clock `'cpu'` (default) or `'wall'` (for work that waits, e.g. on a server)
 * @param spec.processes processes per contender (default 5; BENCH_PROCESSES overrides)
 * @param spec.upstream optional `{ serve: async () => port }`: one server child started for the
 *   whole run, its URL given to `setup` as `context.upstream`
 * @returns in the parent, `{ rows, figures }`: per subject its ratios and verdict, per contender
 *   its ns per operation in each process
 * @example
 * await compareFunctions({
 *   id: 'sum', script: import.meta.url, title: 'sum ÷ reduce', unit: 'ns/item',
 *   setup: () => { const list = Array.from({ length: 1e5 }, (_, i) => i); return { list, ops: list.length } },
 *   baseline: { name: 'reduce', prepare: ({ list }) => () => list.reduce((a, b) => a + b, 0) },
 *   subjects: [{ name: 'for loop', target: { median: 2 }, prepare: ({ list }) => () => {
 *     let s = 0; for (let i = 0; i < list.length; i++) s += list[i]; return s } }],
 * })
 */
export async function compareFunctions(spec) {
  const contenders = [spec.baseline, ...spec.subjects]
  const role = childRole()
  if (role) {
    if (role.bench !== spec.id) return undefined
    if (role.role === 'upstream') return serveUpstream(spec)
    const contender = contenders.find((c) => c.name === role.role)
    report(await measureHere(spec, contender, role.upstream))
    process.exit(0)
  }
  const processes = env('BENCH_PROCESSES', spec.processes ?? 5)
  const children = new Set()
  const figures = Object.fromEntries(contenders.map((c) => [c.name, []]))
  const checksums = Object.fromEntries(contenders.map((c) => [c.name, new Set()]))
  try {
    let upstream
    if (spec.upstream) {
      const started = await startChild({ ...common(spec), role: 'upstream', children })
      upstream = started.value.url
    }
    for (let round = 0; round < processes; round++) {
      for (let k = 0; k < contenders.length; k++) {
        const contender = contenders[(k + round) % contenders.length]
        const { value } = await startChild({
          ...common(spec),
          role: contender.name,
          upstream,
          children,
        })
        figures[contender.name].push(value.nsPerOp)
        checksums[contender.name].add(value.checksum)
      }
    }
  } finally {
    stopAll(children)
  }
  const base = figures[spec.baseline.name]
  const rows = spec.subjects.map((subject) => {
    const ratios = spread(figures[subject.name].map((ns, round) => base[round] / ns))
    return {
      name: subject.name,
      ratios,
      target: subject.target,
      verdict: verdict(ratios, subject.target),
    }
  })
  const note =
    `${processes} fresh processes per contender, rounds interleaved with the baseline; ` +
    `ratio = ${spec.baseline.name} time ÷ subject time in the same round ` +
    `(${spec.clock === 'wall' ? 'wall-clock' : 'CPU'} time).`
  printTable({
    title: spec.title,
    baseline: spec.baseline.name,
    rows,
    figures,
    unit: spec.unit,
    note,
  })
  for (const [name, sums] of Object.entries(checksums)) {
    const list = [...sums]
    console.log(
      list.length === 1
        ? `  ${name} checksum ${list[0]}`
        : `  WARNING: ${name} gave ${list.length} different checksums (${list.join(', ')}): its pass is not deterministic`,
    )
  }
  return { rows, figures }
}

const common = (spec) => ({ script: spec.script, bench: spec.id, nodeArgs: ['--expose-gc'] })

async function serveUpstream(spec) {
  const port = await spec.upstream.serve()
  report({ url: `http://127.0.0.1:${port}` })
  // Stays up until the parent stops it.
  process.on('SIGTERM', () => process.exit(0))
  return new Promise(() => {})
}

/** CPU time of this process so far, in ms. */
function cpuNow() {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

async function measureHere(spec, contender, upstream) {
  const warmupMs = env('BENCH_WARMUP_MS', spec.warmupMs ?? 1000)
  const samples = env('BENCH_SAMPLES', spec.samples ?? 10)
  const sampleMs = env('BENCH_SAMPLE_MS', spec.sampleMs ?? 150)
  const context = (await spec.setup?.({ upstream })) ?? {}
  const prepared = await contender.prepare(context)
  const pass = typeof prepared === 'function' ? prepared : prepared.pass
  const ops = (typeof prepared === 'function' ? undefined : prepared.ops) ?? context.ops ?? 1
  const now = spec.clock === 'wall' ? () => performance.now() : cpuNow
  const gc = globalThis.gc ?? (() => {})
  const checksum = await pass()
  let sink = 0
  const warmupEnd = now() + warmupMs
  while (now() < warmupEnd) sink += await pass()
  const times = []
  for (let s = 0; s < samples; s++) {
    gc()
    let passes = 0
    const start = now()
    let elapsed = 0
    do {
      sink += await pass()
      passes++
      elapsed = now() - start
    } while (elapsed < sampleMs)
    times.push((elapsed * 1e6) / (passes * ops))
  }
  await context.close?.()
  return { nsPerOp: spread(times).min, samples: times, checksum, sink: Number.isNaN(sink) }
}
