/**
 * The benchmark harness behind `pnpm bench`. Every figure it prints is a ratio against a
 * baseline measured in the same run, over several fresh Node processes, as min / median / max;
 * a target is met when the median meets it (the minimum, the worst process, is shown beside it
 * and can be a second target).
 *
 * How to add a benchmark:
 * 1. Write `benchmarks/<name>.mjs`. At its top level, call one of
 *    - {@link compareFunctions} for code that runs in one process (pure functions, or a client
 *      against a server started in `setup` or given as `upstream`): a baseline and subjects,
 *      each a `prepare(context)` that returns one pass over the workload, returning a checksum
 *      of everything it read (`interleave: true` when the machine's load of a few seconds moves
 *      the figures, as with a client and its server: the round's processes take turns);
 *    - {@link compareServers} for HTTP servers: a baseline and subjects, each a
 *      `serve({ upstream })` that listens on 127.0.0.1, port 0, and resolves to the port;
 *      autocannon loads each one from the parent.
 *    Pass `script: import.meta.url`: the harness re-runs the file in fresh processes
 *    (`--harness <id> <role>`), so keep the file's top-level code cheap, and put work a child
 *    must not do (extra reports) behind `if (!isHarnessChild())` or after the last comparison.
 * 2. Add it to the list in `run-all.mjs` (`pnpm bench`; `node run-all.mjs <name>` runs one).
 * 3. Give targets as `target: { median, min? }` on a subject. A miss prints MISS and never fails
 *    the run: speed targets live here, never as timed assertions in tests.
 *
 * Environment: BENCH_PROCESSES (rounds), BENCH_TURNS / BENCH_SECONDS (a turn's load) / BENCH_CONNECTIONS (servers),
 * BENCH_SERVER_NODE_ARGS (node flags of every server child, e.g. `--cpu-prof --cpu-prof-dir=DIR`),
 * BENCH_SAMPLE_MS / BENCH_SAMPLES / BENCH_WARMUP_MS (functions). Run nothing else heavy at the
 * same time: the ratios tolerate a steady load, not bursts.
 */
export { compareFunctions } from './functions.mjs'
export { isHarnessChild } from './processes.mjs'
export { formatNumber, spread } from './report.mjs'
export { compareServers } from './servers.mjs'
