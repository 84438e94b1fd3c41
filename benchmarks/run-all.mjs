// `pnpm bench`: every benchmark, one after another, each in its own process so none shares an
// event loop with another. Each prints its own table with ratios against a baseline measured in
// the same run, and PASS/MISS against its target; a miss never fails the run. New benchmarks
// use harness/ (fresh processes per contender, min / median / max ratios): see harness/index.mjs.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const benches = [
  ['Encoding and segmentation vs npm peers', 'segments.mjs'],
  ['Sandbox throughput', 'sandbox.mjs'],
  ['Client transport vs a hand-written fetch', 'client-transport.mjs'],
  ['Adapter overhead: Express, Hono, Fastify, tRPC (stub gateway)', 'adapters.mjs'],
  ['Delivery queue: BullMQ workers vs direct sendBulk', 'queue.mjs'],
]
const only = process.argv.slice(2)
let failed = 0
for (const [title, file] of benches) {
  if (only.length > 0 && !only.some((name) => file.startsWith(name))) continue
  if (!existsSync(join(here, file))) {
    console.log(`\n## ${title}: ${file} is missing`)
    failed++
    continue
  }
  console.log(`\n## ${title} (${file})\n`)
  const run = spawnSync(process.execPath, [join(here, file)], { stdio: 'inherit', cwd: here })
  if (run.status !== 0) {
    console.log(`${file} exited with ${run.status ?? run.signal}`)
    failed++
  }
}
if (failed > 0) console.log(`\n${failed} benchmark(s) did not run to the end`)
