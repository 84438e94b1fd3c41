// The adapters' conformance suites (each `packages/<adapter>/test/conformance.test.ts`, built on
// packages/conformance) on other Node versions than the one the test command ran them on:
// `.ci/run` calls `node scripts/conformance-nodes.mjs 22 24` after it, on its Node 20. The
// binaries come from npm (`npx -y node@N`). The adapters of one version run side by side (their
// tests mostly wait on sockets and the sandbox), one version after the other. Prints each
// version's duration; a failing suite's output is printed whole.
import { execFile } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const execFileP = promisify(execFile)
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const vitest = join(root, 'node_modules/vitest/vitest.mjs')
const SUITE = 'test/conformance.test.ts'

const majors = process.argv.slice(2)
if (majors.length === 0) throw new Error('usage: node scripts/conformance-nodes.mjs 22 24')
const adapters = readdirSync(join(root, 'packages')).filter((dir) =>
  existsSync(join(root, 'packages', dir, SUITE)),
)

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`
let failed = false
const started = performance.now()
for (const major of majors) {
  const { stdout } = await execFileP('npx', ['-y', `node@${major}`, '-p', 'process.execPath'])
  const node = stdout.trim()
  const versionStarted = performance.now()
  const results = await Promise.all(
    adapters.map((adapter) =>
      execFileP(node, [vitest, 'run', SUITE, '--reporter=dot'], {
        cwd: join(root, 'packages', adapter),
        maxBuffer: 64 << 20,
      }).then(
        () => ({ adapter, ok: true }),
        (error) => ({ adapter, ok: false, out: `${error.stdout ?? ''}${error.stderr ?? ''}` }),
      ),
    ),
  )
  for (const result of results.filter((r) => !r.ok)) {
    failed = true
    console.error(`conformance: ${result.adapter} failed on Node ${major}:\n${result.out}`)
  }
  const passed = results.filter((r) => r.ok).map((r) => r.adapter)
  console.log(
    `conformance on Node ${major}: ${passed.join(', ') || 'none'} passed (${seconds(performance.now() - versionStarted)})`,
  )
}
console.log(`conformance: Node ${majors.join(', ')} in ${seconds(performance.now() - started)}`)
if (failed) process.exit(1)
