// compareFunctions: subject and baseline functions, each measured alone in fresh processes.
import { answerCommands, childRole, report, startChild, stopAll } from './processes.mjs'
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
 * @param spec.interleave `true`: a round's processes are alive together and take turns sample
 *   by sample, so their samples come from the same moments. For work whose figure a few seconds
 *   of the machine's load moves, where one process after another would compare different moments
 * @param spec.ratio with `interleave`: `'fastest'` (default), a round's ratio is of each
 *   process's fastest sample, as without; `'turns'`, it is the median over the turns of the
 *   ratio of the two samples taken moments apart. `'turns'` suits a pass whose own cost varies
 *   from sample to sample (a client's GC and I/O), which the fastest sample would leave out
 * @param spec.upstream optional `{ serve: async () => port }`: one server child started for the
 *   whole run, its URL given to `setup` as `context.upstream`
 * @returns in the parent, `{ rows, figures, ratios }`: per subject its ratios' spread and
 *   verdict, per contender its ns per operation in each process, per subject its ratio each round
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
    const bench = await prepareHere(spec, contender, role.upstream)
    if (spec.interleave) return answerInTurn(spec, bench)
    report(await measureAlone(spec, bench))
    process.exit(0)
  }
  const processes = env('BENCH_PROCESSES', spec.processes ?? 5)
  const byTurns = spec.interleave && spec.ratio === 'turns'
  const children = new Set()
  const figures = Object.fromEntries(contenders.map((c) => [c.name, []]))
  const checksums = Object.fromEntries(contenders.map((c) => [c.name, new Set()]))
  // Per subject, one ratio a round.
  const ratios = Object.fromEntries(spec.subjects.map((s) => [s.name, []]))
  try {
    let upstream
    if (spec.upstream) {
      const started = await startChild({ ...common(spec), role: 'upstream', children })
      upstream = started.value.url
    }
    for (let round = 0; round < processes; round++) {
      const order = contenders.map((_, k) => contenders[(k + round) % contenders.length])
      const start = (contender) =>
        startChild({
          ...common(spec),
          role: contender.name,
          upstream,
          children,
          ipc: spec.interleave,
        })
      const samples = spec.interleave
        ? await takeTurns(spec, order, start)
        : await oneAfterAnother(order, start)
      for (const contender of contenders) {
        const { nsPerOp, checksum } = samples[contender.name]
        figures[contender.name].push(nsPerOp)
        checksums[contender.name].add(checksum)
      }
      const base = samples[spec.baseline.name]
      for (const subject of spec.subjects) {
        const own = samples[subject.name]
        ratios[subject.name].push(
          byTurns
            ? spread(own.times.map((ns, turn) => base.times[turn] / ns)).median
            : base.nsPerOp / own.nsPerOp,
        )
      }
    }
  } finally {
    stopAll(children)
  }
  const rows = spec.subjects.map((subject) => {
    const spreadOf = spread(ratios[subject.name])
    return {
      name: subject.name,
      ratios: spreadOf,
      target: subject.target,
      verdict: verdict(spreadOf, subject.target),
    }
  })
  const time = spec.clock === 'wall' ? 'wall-clock' : 'CPU'
  const note = spec.interleave
    ? `${processes} rounds of fresh processes, one per contender, alive side by side and taking ` +
      `turns sample by sample; ratio = ${spec.baseline.name} time ÷ subject time in the same ` +
      (byTurns
        ? `round, the median over its turns (${time} time). Per-process figures: fastest sample.`
        : `round, each its fastest sample (${time} time).`)
    : `${processes} fresh processes per contender, rounds interleaved with the baseline; ` +
      `ratio = ${spec.baseline.name} time ÷ subject time in the same round (${time} time).`
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
  return { rows, figures, ratios }
}

/** One round, each contender's process alone from start to exit, in `order`. */
async function oneAfterAnother(order, start) {
  const samples = {}
  for (const contender of order) samples[contender.name] = (await start(contender)).value
  return samples
}

/**
 * One round, the contenders' processes alive together: each warms up in turn, then they take
 * turns sample by sample (the order rotated each turn), so that a turn's samples are moments
 * apart and a burst of load on the machine falls on all of them alike. Only one process works at
 * a time; the others wait for their command.
 */
async function takeTurns(spec, order, start) {
  const started = []
  for (const contender of order) started.push({ contender, child: await start(contender) })
  const samples = {}
  try {
    for (const { contender, child } of started) {
      await child.ask('warm')
      samples[contender.name] = { checksum: child.value.checksum, times: [] }
    }
    const turns = env('BENCH_SAMPLES', spec.samples ?? 10)
    for (let turn = 0; turn < turns; turn++) {
      for (let k = 0; k < started.length; k++) {
        const { contender, child } = started[(k + turn) % started.length]
        samples[contender.name].times.push(await child.ask('sample'))
      }
    }
    for (const { child } of started) await child.ask('close')
  } finally {
    for (const { child } of started) child.stop()
  }
  for (const sample of Object.values(samples)) sample.nsPerOp = spread(sample.times).min
  return samples
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

/** The contender's pass over its workload, ready to time, with its first pass's checksum. */
async function prepareHere(spec, contender, upstream) {
  const context = (await spec.setup?.({ upstream })) ?? {}
  const prepared = await contender.prepare(context)
  const pass = typeof prepared === 'function' ? prepared : prepared.pass
  const ops = (typeof prepared === 'function' ? undefined : prepared.ops) ?? context.ops ?? 1
  const now = spec.clock === 'wall' ? () => performance.now() : cpuNow
  const checksum = await pass()
  return { context, pass, ops, now, checksum, sink: 0 }
}

async function warmUp(spec, bench) {
  const end = bench.now() + env('BENCH_WARMUP_MS', spec.warmupMs ?? 1000)
  while (bench.now() < end) bench.sink += await bench.pass()
}

/** Passes for at least `sampleMs` after a GC: ns per operation. */
async function sampleOnce(spec, bench) {
  const sampleMs = env('BENCH_SAMPLE_MS', spec.sampleMs ?? 150)
  globalThis.gc?.()
  let passes = 0
  const start = bench.now()
  let elapsed = 0
  do {
    bench.sink += await bench.pass()
    passes++
    elapsed = bench.now() - start
  } while (elapsed < sampleMs)
  return (elapsed * 1e6) / (passes * bench.ops)
}

async function measureAlone(spec, bench) {
  await warmUp(spec, bench)
  const times = []
  const samples = env('BENCH_SAMPLES', spec.samples ?? 10)
  for (let s = 0; s < samples; s++) times.push(await sampleOnce(spec, bench))
  await bench.context.close?.()
  const { checksum, sink } = bench
  return { nsPerOp: spread(times).min, times, checksum, sink: Number.isNaN(sink) }
}

/** A child of an interleaved comparison: ready once prepared, then works only when told. */
function answerInTurn(spec, bench) {
  answerCommands(async (command) => {
    if (command === 'warm') await warmUp(spec, bench)
    else if (command === 'sample') return sampleOnce(spec, bench)
    else if (command === 'close') await bench.context.close?.()
    return Number.isNaN(bench.sink)
  })
  report({ checksum: bench.checksum })
  return new Promise(() => {})
}
