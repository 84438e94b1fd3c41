// One closing line for the whole run: every package's vitest JSON report added up, so a reader
// (or CI) sees how many tests ran without scrolling through each package's log.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const workspaces = ['packages', 'apps'].flatMap((dir) =>
  readdirSync(join(root, dir)).map((name) => join(root, dir, name)),
)
let passed = 0
let failed = 0
let skipped = 0
const lines = []
for (const dir of workspaces) {
  const report = join(dir, 'artifacts/vitest-results.json')
  const manifest = join(dir, 'package.json')
  if (!existsSync(manifest)) continue
  const { name, scripts = {} } = JSON.parse(readFileSync(manifest, 'utf8'))
  if (!scripts.test) continue
  if (!existsSync(report)) {
    lines.push(`${name}: no test report (did its tests run?)`)
    failed++
    continue
  }
  const r = JSON.parse(readFileSync(report, 'utf8'))
  passed += r.numPassedTests
  failed += r.numFailedTests
  skipped += r.numPendingTests + (r.numTodoTests ?? 0)
  lines.push(`${name}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`)
}
console.log(lines.join('\n'))
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
if (failed > 0) process.exitCode = 1
