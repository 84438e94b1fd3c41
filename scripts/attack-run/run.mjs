#!/usr/bin/env node
/**
 * The attack run of issue 10: every family of attacks against the built packages of a checkout,
 * over real HTTP (real sandbox, real Express/Hono/Fastify/tRPC servers on port 0), counted.
 *
 *   node scripts/attack-run/run.mjs --against <checkout>                 one checkout's table
 *   node scripts/attack-run/run.mjs --against <before> --against <after> both, side by side
 *   options: --only fuzz,otp (families)   --out <file.json> (raw rows)
 *
 * Each checkout runs in its own child process (`--expose-gc`, for the heap figures), so two
 * versions never share a module cache. Progress goes to stderr, tables to stdout.
 */
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { FAMILIES, runFamilies } from './families/index.mjs'
import { comparisonTable, singleTable } from './table.mjs'

const { values } = parseArgs({
  options: {
    against: { type: 'string', multiple: true },
    single: { type: 'string' },
    only: { type: 'string' },
    out: { type: 'string' },
  },
})
const only = values.only ? values.only.split(',') : Object.keys(FAMILIES)

if (values.single) {
  // Child mode: run the families against one checkout, rows as JSON on the last stdout line.
  const result = await runFamilies(resolve(values.single), only)
  process.stdout.write(`${JSON.stringify(result)}\n`)
  process.exit(0)
}

const targets = (values.against ?? []).map((dir) => resolve(dir))
if (targets.length === 0 || targets.length > 2) {
  console.error(
    'usage: node scripts/attack-run/run.mjs --against <checkout> [--against <checkout>]',
  )
  process.exit(2)
}
const results = []
for (const dir of targets) results.push(await runChild(dir))
if (values.out) writeFileSync(values.out, `${JSON.stringify(results, null, 2)}\n`)
for (const result of results) console.log(`${singleTable(result)}\n`)
if (results.length === 2) console.log(comparisonTable(results[0], results[1]))

function runChild(dir) {
  const self = fileURLToPath(import.meta.url)
  const args = ['--expose-gc', '--max-old-space-size=1024', self, '--single', dir]
  if (values.only) args.push('--only', values.only)
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
    })
    child.on('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? ''
      if (code !== 0) return reject(new Error(`run against ${dir} exited ${code}: ${out}`))
      resolvePromise(JSON.parse(last))
    })
  })
}
