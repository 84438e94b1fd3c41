// Pack-and-install smoke test for @iprog-sms/core: the tarball a user would get, installed into
// a fresh project, used from ESM import, CJS require and a TypeScript file under tsc --noEmit.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const pkgDir = process.cwd()
const root = resolve(pkgDir, '../..')

// The core promises zero runtime dependencies (its size budget and its supply chain rely on it):
// anything under `dependencies` would be installed for every user.
const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'))
const runtimeDeps = Object.keys(manifest.dependencies ?? {})
if (runtimeDeps.length > 0) {
  throw new Error(
    `${manifest.name} must have no runtime dependencies, has: ${runtimeDeps.join(', ')}`,
  )
}
const work = mkdtempSync(join(tmpdir(), 'iprog-smoke-'))
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] }).toString()

try {
  run(
    process.execPath,
    [join(root, 'node_modules/pnpm/bin/pnpm.cjs'), 'pack', '--pack-destination', work],
    pkgDir,
  )
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))
  if (!tarball) throw new Error('pnpm pack produced no tarball')
  const app = join(work, 'app')
  run('mkdir', ['-p', app], work)
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'smoke', private: true }))
  run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--offline', '--ignore-scripts', join(work, tarball)],
    app,
  )

  const usage = (imported) => `
const { analyzeMessage, countSegments, normalizePhone, isIprogError, IprogValidationError, createClient } = ${imported}
if (normalizePhone('+63 917 123 4567') !== '639171234567') throw new Error('normalizePhone')
if (countSegments('hello') !== 1 || analyzeMessage('hello').encoding !== 'GSM-7') throw new Error('segments')
try { normalizePhone('12') ; throw new Error('no throw') } catch (e) { if (!isIprogError(e) || !(e instanceof IprogValidationError)) throw e }
if (typeof createClient({ apiToken: 'x' }).messages.send !== 'function') throw new Error('client')
console.log('ok')
`
  writeFileSync(join(app, 'esm.mjs'), usage("await import('@iprog-sms/core')"))
  writeFileSync(join(app, 'cjs.cjs'), usage("require('@iprog-sms/core')"))
  writeFileSync(
    join(app, 'check.ts'),
    `import { createClient, normalizePhone, type SendResult, IprogError } from '@iprog-sms/core'
const sms = createClient({ apiToken: 'x' })
const send: (i: { to: string; message: string }) => Promise<SendResult> = sms.messages.send
const n: string = normalizePhone('09171234567')
const e: IprogError | undefined = undefined
void send; void n; void e
`,
  )
  writeFileSync(
    join(app, 'check.cts'),
    `import core = require('@iprog-sms/core')
const n: string = core.normalizePhone('09171234567')
void n
`,
  )
  for (const [mode, res] of [
    ['nodenext', 'nodenext'],
    ['esnext', 'bundler'],
  ]) {
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: mode,
          moduleResolution: res,
          target: 'es2022',
          lib: ['es2022', 'dom'],
          skipLibCheck: false,
          types: [],
        },
        files: mode === 'nodenext' ? ['check.ts', 'check.cts'] : ['check.ts'],
      }),
    )
    run(
      process.execPath,
      [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'],
      app,
    )
  }
  for (const file of ['esm.mjs', 'cjs.cjs']) {
    const out = run(process.execPath, [file], app).trim()
    if (out !== 'ok') throw new Error(`${file}: ${out}`)
  }
  console.log(`pack smoke: ${tarball} works from ESM, CJS and TypeScript (nodenext + bundler)`)
} finally {
  rmSync(work, { recursive: true, force: true })
}
