// The user's-eye test: every publishable package packed as npm would publish it, the tarballs
// installed with npm (no pnpm, no workspace links) into fresh projects outside the workspace,
// and used there the way their READMEs show:
// - each tarball holds only what an `exports` or `bin` entry reaches, and its source maps carry
//   their sources;
// - a project with only core: the root entry loads without zod, `/server` fails naming zod;
// - one project with the peers at the versions the workspace tests with, one with the lowest
//   version every declared peer range allows (and every other major a range names, e.g.
//   Express 4 beside 5): one copy of core, every README snippet (pack-smoke/<package>.ts) and
//   an import of every entry type-checked under nodenext, bundler and node10/commonjs with
//   skipLibCheck false, then run, compiled to ESM (`import`) and to CJS (`require`), on Node
//   20, 22 and 24 against the sandbox started from the sandbox tarball's bin (and, for
//   @iprog-sms/bullmq, Redis at REDIS_URL or 127.0.0.1:6379, under a key prefix of its own).
// Run from the root (`node scripts/pack-smoke.mjs`, `SMOKE_NODES=20` for one Node version) or by
// turbo's `smoke` task after every package is built. Prints each tarball's size and the time the
// whole smoke took.
import { execFile, spawn } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'

const started = performance.now()
const timings = []
const here = dirname(fileURLToPath(import.meta.url))
const root = resolve(here, '..')
const snippetsDir = join(here, 'pack-smoke')
const tsc = join(root, 'node_modules/typescript/bin/tsc')
const pnpm = join(root, 'node_modules/pnpm/bin/pnpm.cjs')
// SMOKE_NODES=20 (a comma list) runs the snippets on fewer versions while iterating; CI runs all.
const NODE_MAJORS = (process.env.SMOKE_NODES ?? '20,22,24').split(',').map(Number)
const TOKEN = 'smoke-token'
const work = mkdtempSync(join(tmpdir(), 'iprog-pack-smoke-'))

// npm and tsc run as a user's would: without the npm_/pnpm_ settings turbo and pnpm export.
// A user's project sees none of the workspace: pnpm's npm_*/pnpm_* settings, and the NODE_PATH
// pnpm sets for scripts (it points into node_modules/.pnpm, where CommonJS `require` would find
// the workspace's zod and hide a missing peer).
const env = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(npm|pnpm)_|^NODE_PATH$/i.test(key)),
)
const execFileP = promisify(execFile)
async function run(cmd, args, options = {}) {
  try {
    const { stdout } = await execFileP(cmd, args, { env, maxBuffer: 64 << 20, ...options })
    return stdout
  } catch (error) {
    const out = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim()
    throw new Error(`${basename(cmd)} ${args.join(' ')} (in ${options.cwd ?? '.'}) failed:\n${out}`)
  }
}
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'))
const writeJson = (file, value) => writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`)
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`

function walk(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? walk(path, base) : [relative(base, path)]
  })
}

// ---------------------------------------------------------------------------------------------
// The packages: every non-private package under packages/.

const packages = readdirSync(join(root, 'packages'))
  .map((dir) => ({ dir, path: join(root, 'packages', dir) }))
  .filter(({ path }) => existsSync(join(path, 'package.json')))
  .map((pkg) => ({ ...pkg, manifest: readJson(join(pkg.path, 'package.json')) }))
  .filter(({ manifest }) => !manifest.private)

// turbo builds a task's workspace dependencies first: every package must be one of ours.
const ours = readJson(join(here, 'package.json')).devDependencies ?? {}
const unbuilt = packages.filter(({ manifest }) => !ours[manifest.name])
if (unbuilt.length > 0) {
  throw new Error(
    `add ${unbuilt.map((p) => `"${p.manifest.name}": "workspace:*"`).join(', ')} to the devDependencies of scripts/package.json, so turbo builds it before the smoke`,
  )
}

// ---------------------------------------------------------------------------------------------
// Pack, unpack, and check what each tarball holds.

async function pack(pkg) {
  const dest = join(work, 'tarballs', pkg.dir)
  mkdirSync(dest, { recursive: true })
  await run(process.execPath, [pnpm, 'pack', '--pack-destination', dest], { cwd: pkg.path })
  const tarball = join(
    dest,
    readdirSync(dest).find((f) => f.endsWith('.tgz')),
  )
  const unpacked = join(work, 'unpacked', pkg.dir)
  mkdirSync(unpacked, { recursive: true })
  await run('tar', ['-xzf', tarball, '-C', unpacked])
  const dir = join(unpacked, 'package')
  const files = walk(dir)
  const size = files.reduce((sum, file) => sum + statSync(join(dir, file)).size, 0)
  return {
    ...pkg,
    tarball,
    packed: statSync(tarball).size,
    unpacked: size,
    problems: inspect(dir, files),
  }
}

// Relative specifiers in built JS and declarations: static and dynamic imports, re-exports,
// require calls and side-effect imports.
const RELATIVE_IMPORT =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)["'](\.{1,2}\/[^"']+)["']/g
const ALWAYS_SHIPPED = /^(package\.json|(readme|license|changelog)(\.[a-z]+)?)$/i

// Every file must be reached from `exports`, `bin`, `main`/`module`/`types` or `typesVersions`
// through relative imports (a map through its file); every map carries its sources.
function inspect(dir, files) {
  const manifest = readJson(join(dir, 'package.json'))
  const present = new Set(files)
  const reached = new Set()
  const queue = []
  const reach = (file) => {
    const path = relative(dir, resolve(dir, file))
    if (present.has(path) && !reached.has(path)) {
      reached.add(path)
      queue.push(path)
    }
    return present.has(path)
  }
  const collect = (value) => {
    if (typeof value === 'string') reach(value)
    else if (value && typeof value === 'object') Object.values(value).forEach(collect)
  }
  const { './package.json': _, ...exported } = manifest.exports ?? {}
  collect([exported, manifest.bin, manifest.main, manifest.module, manifest.types])
  collect(manifest.typesVersions)
  while (queue.length > 0) {
    const file = queue.shift()
    reach(`${file}.map`)
    if (file.endsWith('.map')) continue
    const declaration = /\.d\.[cm]?ts$/.test(file)
    for (const [, spec] of readFileSync(join(dir, file), 'utf8').matchAll(RELATIVE_IMPORT)) {
      const target = join(dirname(file), spec)
      const typed = target.replace(/\.js$/, '.d.ts').replace(/\.([cm])js$/, '.d.$1ts')
      if (declaration) reach(target) || reach(typed) || reach(`${target}.d.ts`)
      else reach(target) || reach(`${target}.js`)
    }
  }
  const problems = files
    .filter((file) => !reached.has(file) && !ALWAYS_SHIPPED.test(file))
    .map((file) => `${file}: no exports or bin entry reaches it`)
  for (const file of files.filter((f) => f.endsWith('.map'))) {
    const map = readJson(join(dir, file))
    const sources = map.sources ?? []
    const carried = sources.every((_, i) => typeof map.sourcesContent?.[i] === 'string')
    const shipped = sources.every((s) => present.has(relative(dir, resolve(dir, dirname(file), s))))
    if (!carried && !shipped) problems.push(`${file}: neither sourcesContent nor its sources`)
  }
  return problems
}

// ---------------------------------------------------------------------------------------------
// Peer versions: the ones the workspace tests with, and the lowest of every range.

// The lowest version a range allows, per `||` alternative (`^4.17.0 || ^5` -> 4.17.0, 5.0.0).
function lowestVersions(range) {
  return range.split('||').map((alternative) => {
    const first = alternative.trim().split(/\s+/)[0]
    const match = /^(?:\^|~|>=|=)?v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?$/.exec(first)
    if (!match) throw new Error(`pack smoke: cannot read the lowest version of "${range}"`)
    const num = (part) => (part === undefined || Number.isNaN(+part) ? 0 : +part)
    return `${match[1]}.${num(match[2])}.${num(match[3])}`
  })
}
const major = (version) => version.split('.')[0]
const compareVersions = (a, b) => {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number))
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]
}

const peers = new Map() // name -> { ranges, tested, typesTested }
for (const { manifest } of packages) {
  for (const [name, range] of Object.entries(manifest.peerDependencies ?? {})) {
    if (name.startsWith('@iprog-sms/')) continue
    const peer = peers.get(name) ?? { ranges: [], tested: undefined, typesTested: undefined }
    peer.ranges.push(range)
    peer.tested ??= manifest.devDependencies?.[name]
    peer.typesTested ??= manifest.devDependencies?.[`@types/${name}`]
    peers.set(name, peer)
  }
}

// Project variants: "tested" (the workspace's versions) and "lowest" (the floor of every range).
// A range naming several majors (`^4.17.0 || ^5.0.0`) is covered by its floor in "lowest" and
// the workspace's version in "tested"; the floor of any other major it names goes into one
// more project, "other-majors".
function variants() {
  const tested = new Map([...peers].map(([name, peer]) => [name, peer.tested ?? peer.ranges[0]]))
  const lowest = new Map()
  const others = new Map()
  for (const [name, peer] of peers) {
    const all = peer.ranges.flatMap(lowestVersions).sort(compareVersions)
    // When several packages declare the peer, the highest floor within the lowest major is the
    // one every range allows.
    lowest.set(name, all.filter((v) => major(v) === major(all[0])).at(-1))
    const covered = [major(all[0]), major(tested.get(name).replace(/^[\^~]/, ''))]
    for (const m of new Set(all.map(major))) {
      if (!covered.includes(m)) others.set(name, all.filter((v) => major(v) === m).at(-1))
    }
  }
  const list = [
    { name: 'tested', versions: tested },
    { name: 'lowest', versions: lowest },
  ]
  if (others.size > 0)
    list.push({ name: 'other-majors', versions: new Map([...lowest, ...others]) })
  return list
}

function installSpecs(versions) {
  const specs = []
  for (const [name, version] of versions) {
    specs.push(`${name}@${version}`)
    const peer = peers.get(name)
    if (peer.typesTested) {
      const typesVersion =
        major(peer.typesTested.replace(/^[\^~]/, '')) === major(version.replace(/^[\^~]/, ''))
          ? peer.typesTested
          : `^${major(version)}`
      specs.push(`@types/${name}@${typesVersion}`)
    }
  }
  // Node 22's types: better-auth's declarations import `node:sqlite`, which @types/node 20 lacks.
  specs.push('@types/node@^22')
  return specs
}

async function npmInstall(dir, specs) {
  mkdirSync(dir, { recursive: true })
  writeJson(join(dir, 'package.json'), { name: basename(dir), private: true, type: 'module' })
  await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', ...specs],
    { cwd: dir },
  )
}

// ---------------------------------------------------------------------------------------------
// Type-check and run the README snippets in one project.

const entrySpecifiers = packages.flatMap(({ manifest }) =>
  Object.keys(manifest.exports ?? { '.': null })
    .filter((subpath) => subpath !== './package.json')
    .map((subpath) => manifest.name + subpath.slice(1)),
)
const packageOf = (spec) =>
  packages.find(({ manifest }) => spec === manifest.name || spec.startsWith(`${manifest.name}/`))
    .manifest.name
const snippets = packages.filter(({ dir }) => existsSync(join(snippetsDir, `${dir}.ts`)))

function writeSources(dir) {
  writeMain(dir, 'main.ts', () => true)
  writeMain(dir, 'main-node10.ts', (name) => !NODE10_EXEMPT.has(name))
}

function writeMain(dir, file, keep) {
  const src = join(dir, 'src')
  mkdirSync(src, { recursive: true })
  copyFileSync(join(snippetsDir, 'gateway.ts'), join(src, 'gateway.ts'))
  copyFileSync(join(snippetsDir, 'bun-sqlite.d.ts'), join(src, 'bun-sqlite.d.ts'))
  for (const { dir: name } of snippets)
    copyFileSync(join(snippetsDir, `${name}.ts`), join(src, `${name}.ts`))
  const id = (name) => name.replace(/\W/g, '_')
  const specs = entrySpecifiers.filter((spec) => keep(packageOf(spec)))
  const runs = snippets.filter(({ manifest }) => keep(manifest.name))
  writeFileSync(
    join(src, file),
    `// Generated by scripts/pack-smoke.mjs: every README snippet, and every entry of every package.
${runs.map(({ dir: name }) => `import { run as ${id(name)} } from './${name}.js'`).join('\n')}
${specs.map((spec, i) => `import * as entry${i} from '${spec}'`).join('\n')}
import type { Gateway } from './gateway.js'

const entries: Record<string, object> = {
${specs.map((spec, i) => `  '${spec}': entry${i},`).join('\n')}
}
const snippets: Array<[string, (gateway: Gateway) => Promise<void>]> = [
${runs.map(({ dir: name }) => `  ['${name}', ${id(name)}],`).join('\n')}
]

async function main(): Promise<void> {
  const gateway: Gateway = {
    url: process.env.SMOKE_GATEWAY_URL ?? '',
    token: process.env.SMOKE_GATEWAY_TOKEN ?? '',
  }
  for (const [, run] of snippets) await run(gateway)
  const keys = Object.entries(entries).map(([spec, module]) => [
    spec,
    Object.keys(module).filter((key) => key !== 'default' && key !== '__esModule').sort(),
  ])
  console.log(JSON.stringify({ snippets: snippets.map(([name]) => name), keys }))
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
`,
  )
}

// Packages whose own peers cannot be resolved under node10: better-auth's dependency
// better-call ships subpath types for modern resolution only. They are left out of the node10
// check only: the CJS run, emitted without a check, runs them under `require` too.
const NODE10_EXEMPT = new Set(['@iprog-sms/better-auth'])

const MODES = [
  { name: 'nodenext', module: 'nodenext', moduleResolution: 'nodenext', outDir: 'out/esm' },
  { name: 'bundler', module: 'esnext', moduleResolution: 'bundler' },
  { name: 'node10', module: 'commonjs', moduleResolution: 'node10' },
]

// The projects compile with the DOM lib, as a project without `lib` does: the peers' own
// declarations need it (hono < 4.13 names `RequestInfo`, better-call `HeadersInit`). That ours
// need none of it is checked in the core-alone project.
async function typecheck(dir) {
  for (const mode of MODES) {
    const config = `tsconfig.${mode.name}.json`
    writeJson(join(dir, config), {
      compilerOptions: {
        strict: true,
        target: 'es2022',
        lib: ['es2022', 'dom'],
        types: ['node'],
        module: mode.module,
        moduleResolution: mode.moduleResolution,
        esModuleInterop: true,
        skipLibCheck: false,
        rootDir: 'src',
        ...(mode.outDir ? { outDir: mode.outDir } : { noEmit: true }),
      },
      ...(mode.name === 'node10'
        ? { files: ['src/main-node10.ts', 'src/bun-sqlite.d.ts'] }
        : { include: ['src'] }),
    })
    await run(process.execPath, [tsc, '-p', config], { cwd: dir })
  }
  // The CJS build of every snippet (main.ts, better-auth's included), type-checked above, emitted
  // without a check; it runs as CommonJS inside a `"type": "module"` project.
  writeJson(join(dir, 'tsconfig.require.json'), {
    compilerOptions: {
      target: 'es2022',
      module: 'commonjs',
      moduleResolution: 'node10',
      esModuleInterop: true,
      noCheck: true,
      rootDir: 'src',
      outDir: 'out/cjs',
    },
    files: ['src/main.ts'],
  })
  await run(process.execPath, [tsc, '-p', 'tsconfig.require.json'], { cwd: dir })
  writeJson(join(dir, 'out/cjs/package.json'), { type: 'commonjs' })
}

async function startGateway(dir) {
  const bin = join(dir, 'node_modules/.bin/iprog-sms-sandbox')
  const child = spawn(bin, ['--port', '0', '--token', TOKEN], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  const url = await new Promise((resolveUrl, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk
      const match = /Base URL: (http:\/\/\S+)/.exec(out)
      if (match) resolveUrl(match[1])
    })
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      out += chunk
    })
    child.once('exit', (code) => reject(new Error(`sandbox bin exited ${code}:\n${out}`)))
  })
  return { url, stop: () => child.kill('SIGTERM') }
}

async function runSnippets(dir, nodes) {
  const gateway = await startGateway(dir)
  const runOne = async (node, main) => {
    const out = await run(node, [main], {
      cwd: dir,
      env: { ...env, SMOKE_GATEWAY_URL: gateway.url, SMOKE_GATEWAY_TOKEN: TOKEN },
    })
    return JSON.parse(out.trim().split('\n').at(-1))
  }
  try {
    // One Node version after the other: a busy machine stalling a run for seconds would let the
    // gateway drop a kept-alive socket just as the client reuses it (a send is never retried).
    for (const [nodeMajor, node] of nodes) {
      const esm = await runOne(node, 'out/esm/main.js')
      const cjs = await runOne(node, 'out/cjs/main.js')
      if (cjs.snippets.join() !== esm.snippets.join()) {
        throw new Error(
          `Node ${nodeMajor}: require ran [${cjs.snippets}], import [${esm.snippets}]`,
        )
      }
      // ESM and CJS builds of every entry export the same names.
      const required = new Map(cjs.keys)
      for (const [spec, keys] of esm.keys) {
        if (required.has(spec) && keys.join() !== required.get(spec).join()) {
          throw new Error(
            `Node ${nodeMajor}, ${spec}: import gives [${keys}], require gives [${required.get(spec)}]`,
          )
        }
      }
    }
  } finally {
    gateway.stop()
  }
  return nodes.map(([nodeMajor]) => `Node ${nodeMajor}`)
}

// Exactly one @iprog-sms/core in the installed tree.
function coreCopies(dir) {
  const copies = []
  const look = (modules) => {
    if (!existsSync(modules)) return
    if (existsSync(join(modules, '@iprog-sms/core/package.json'))) copies.push(modules)
    for (const entry of readdirSync(modules)) {
      const scoped = entry.startsWith('@')
        ? readdirSync(join(modules, entry)).map((e) => `${entry}/${e}`)
        : [entry]
      for (const name of scoped) look(join(modules, name, 'node_modules'))
    }
  }
  look(join(dir, 'node_modules'))
  return copies.map((modules) => relative(dir, modules))
}

// ---------------------------------------------------------------------------------------------
// Core alone: no dependencies, works without zod, and /server names what is missing; its types
// need no DOM lib (a Node project's `lib: ["es2022"]` with @types/node).

async function coreAlone(core) {
  const runtimeDeps = Object.keys(core.manifest.dependencies ?? {})
  if (runtimeDeps.length > 0) {
    throw new Error(`@iprog-sms/core must have no runtime dependencies, has: ${runtimeDeps}`)
  }
  const dir = join(work, 'core-alone')
  await npmInstall(dir, [core.tarball, '@types/node@^22'])
  writeFileSync(
    join(dir, 'check.ts'),
    "import { createClient, type SendResult } from '@iprog-sms/core'\nexport const send: (input: { to: string; message: string }) => Promise<SendResult> = createClient().messages.send\n",
  )
  writeJson(join(dir, 'tsconfig.json'), {
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: 'es2022',
      lib: ['es2022'],
      types: ['node'],
      module: 'nodenext',
      skipLibCheck: false,
    },
    files: ['check.ts'],
  })
  await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: dir })
  const root = `const { createClient, countSegments } = M
if (countSegments('hello') !== 1 || typeof createClient({ apiToken: 'x' }).messages.send !== 'function') throw new Error('core root entry')`
  writeFileSync(join(dir, 'root.mjs'), `const M = await import('@iprog-sms/core')\n${root}\n`)
  writeFileSync(join(dir, 'root.cjs'), `const M = require('@iprog-sms/core')\n${root}\n`)
  writeFileSync(join(dir, 'server.mjs'), "await import('@iprog-sms/core/server')\n")
  writeFileSync(join(dir, 'server.cjs'), "require('@iprog-sms/core/server')\n")
  for (const file of ['root.mjs', 'root.cjs']) await run(process.execPath, [file], { cwd: dir })
  for (const file of ['server.mjs', 'server.cjs']) {
    const failed = await run(process.execPath, [file], { cwd: dir }).then(
      () => '',
      (error) => error.message,
    )
    if (!/Cannot find (package|module) 'zod(\/mini)?'/.test(failed)) {
      throw new Error(
        `${file}: /server without zod must fail naming zod, got: ${failed || 'no error'}`,
      )
    }
  }
}

// The Hono worker as a user bundles it for Workers, from the installed tarballs (the same budget
// as `pnpm size` in packages/hono, which measures it from the workspace): issue 12's 40 kB.
const WORKER_BUDGET = 40_000
async function workerBundle(dir) {
  const esbuild = join(root, 'packages/hono/node_modules/.bin/esbuild')
  copyFileSync(join(root, 'packages/hono/size/worker.ts'), join(dir, 'worker.ts'))
  const args = ['worker.ts', '--bundle', '--minify', '--platform=neutral', '--outfile=worker.js']
  await run(esbuild, [...args, '--log-level=error'], { cwd: dir })
  // Level 9, as size-limit measures.
  const size = gzipSync(readFileSync(join(dir, 'worker.js')), { level: 9 }).length
  if (size > WORKER_BUDGET) {
    throw new Error(`Hono worker bundle: ${kB(size)} min+gz, over the ${kB(WORKER_BUDGET)} budget`)
  }
  return `  Hono worker (esbuild --bundle --minify --platform=neutral): ${kB(size)} min+gz (budget ${kB(WORKER_BUDGET)})`
}

// ---------------------------------------------------------------------------------------------

async function nodeBinary(nodeMajor) {
  if (process.versions.node.split('.')[0] === String(nodeMajor)) return process.execPath
  const out = await run('npx', ['-y', `node@${nodeMajor}`, '-p', 'process.execPath'])
  return out.trim()
}

try {
  const nodesReady = Promise.all(NODE_MAJORS.map(async (m) => [m, await nodeBinary(m)]))
  const packed = []
  for (const pkg of packages) packed.push(await pack(pkg))
  const problems = packed.flatMap((p) =>
    p.problems.map((problem) => `${p.manifest.name}: ${problem}`),
  )
  if (problems.length > 0) throw new Error(`tarball contents:\n- ${problems.join('\n- ')}`)
  const core = packed.find((p) => p.manifest.name === '@iprog-sms/core')
  await coreAlone(core)

  const projects = variants().map((variant) => ({ ...variant, dir: join(work, variant.name) }))
  await Promise.all(
    projects.map((project) =>
      npmInstall(project.dir, [...packed.map((p) => p.tarball), ...installSpecs(project.versions)]),
    ),
  )
  timings.push(['pack + core alone + npm install', performance.now() - started])
  const nodes = await nodesReady
  // The projects' type checks side by side (CPU), then their runs one after the other.
  const checked = await Promise.all(
    projects.map(async (project) => {
      const copies = coreCopies(project.dir)
      if (copies.length !== 1) {
        throw new Error(
          `${project.name}: @iprog-sms/core installed ${copies.length} times: ${copies}`,
        )
      }
      writeSources(project.dir)
      const checking = performance.now()
      await typecheck(project.dir)
      return performance.now() - checking
    }),
  )
  const lines = []
  for (const [i, project] of projects.entries()) {
    const running = performance.now()
    const ran = await runSnippets(project.dir, nodes)
    const installed = [...project.versions.keys()]
      .map(
        (name) =>
          `${name}@${readJson(join(project.dir, 'node_modules', name, 'package.json')).version}`,
      )
      .join(' ')
    lines.push(
      `  ${project.name}: ${installed}; tsc ${MODES.map((m) => m.name).join(', ')} (${seconds(checked[i])}); import + require on ${ran.join(', ')} (${seconds(performance.now() - running)})`,
    )
  }
  lines.push(await workerBundle(projects[0].dir))
  if (![...projects].some((p) => p.versions.get('express')?.startsWith('4'))) {
    console.warn(
      'pack smoke: note: no Express 4 project, @iprog-sms/express does not declare express 4',
    )
  }
  const missing = packages.filter((p) => !snippets.includes(p)).map((p) => p.manifest.name)
  console.log(
    [
      `pack smoke: ${packed.length} tarballs, README snippets of ${snippets.map((p) => p.manifest.name).join(', ')}${missing.length ? ` (no snippet yet, entries imported only: ${missing.join(', ')})` : ''}`,
      ...packed.map(
        (p) => `  ${basename(p.tarball)}: ${kB(p.packed)} packed, ${kB(p.unpacked)} unpacked`,
      ),
      '  core alone: root entry without zod (import + require) and without the DOM lib (tsc), /server fails naming zod',
      ...lines,
      ...timings.map(([what, ms]) => `  ${what}: ${seconds(ms)}`),
      `pack smoke: done in ${seconds(performance.now() - started)}`,
    ].join('\n'),
  )
} finally {
  // SMOKE_KEEP=1 leaves the projects in place to look into a failure.
  if (process.env.SMOKE_KEEP) console.log(`pack smoke: projects kept in ${work}`)
  else rmSync(work, { recursive: true, force: true })
}
