// What publint does not check but an npm user relies on, for the published package in the
// current directory (its `lint:package` runs this after publint):
// - the npm page's metadata: description, keywords, license, repository with its directory,
//   homepage, bugs;
// - every subpath export reachable under TypeScript's classic `node10` resolution (still the
//   default of `"module": "commonjs"` projects), through a `typesVersions` entry;
// - README links that work on the npm page (absolute, not `../core`);
// - zod declared as a peer by every package whose code loads `@iprog-sms/core/server` (which
//   needs zod; core itself only has it as an optional peer, its root entry never loads it);
// - the package in the changesets `fixed` group, so every package is released at one version
//   (RELEASING.md says why).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'

const dir = process.cwd()
const root = resolve(dir, '../..')
const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
const problems = []
const fail = (message) => problems.push(message)

for (const field of ['description', 'license', 'homepage']) {
  if (typeof manifest[field] !== 'string' || manifest[field].trim() === '') {
    fail(`"${field}" is missing`)
  }
}
if (!Array.isArray(manifest.keywords) || manifest.keywords.length === 0) {
  fail('"keywords" is missing')
}
if (!manifest.bugs?.url) fail('"bugs": { "url" } is missing')
const folder = `packages/${basename(dir)}`
if (!manifest.repository?.url || manifest.repository.directory !== folder) {
  fail(`"repository" needs "url" and "directory": "${folder}"`)
}

// node10 ignores `exports`: a subpath like `@iprog-sms/core/server` finds its types only
// through `typesVersions` (a `server/package.json` stub would be the other way).
const mapped = manifest.typesVersions?.['*'] ?? {}
for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
  if (subpath === '.' || subpath === './package.json') continue
  const key = subpath.slice(2)
  const types = target?.require?.types ?? target?.types
  if (!types) {
    fail(`exports["${subpath}"] has no "require": { "types" }`)
  } else if (mapped[key]?.[0] !== types) {
    fail(
      `exports["${subpath}"] needs "typesVersions": { "*": { "${key}": ["${types}"] } } (node10 resolution)`,
    )
  }
}

const dist = join(dir, 'dist')
const loadsServer = /(?:\bfrom\s*|\brequire\(\s*|\bimport\(\s*)["']@iprog-sms\/core\/server["']/
if (manifest.name !== '@iprog-sms/core' && existsSync(dist) && !manifest.peerDependencies?.zod) {
  const loaders = readdirSync(dist).filter(
    (file) => /\.[cm]?js$/.test(file) && loadsServer.test(readFileSync(join(dist, file), 'utf8')),
  )
  if (loaders.length > 0) {
    fail(
      `dist/${loaders[0]} loads @iprog-sms/core/server, which needs zod: add "zod": "^4.0.0" to peerDependencies`,
    )
  }
}

const readme = join(dir, 'README.md')
if (existsSync(readme)) {
  // Markdown links and images whose target is neither absolute nor an anchor on the same page.
  for (const [, target] of readFileSync(readme, 'utf8').matchAll(/\]\(([^)\s]+)\)/g)) {
    if (!/^(https?:|mailto:|#)/.test(target)) {
      fail(`README link "${target}" is relative: it breaks on the npm page, make it absolute`)
    }
  }
} else {
  fail('README.md is missing')
}

const changesets = JSON.parse(readFileSync(join(root, '.changeset/config.json'), 'utf8'))
if (!(changesets.fixed ?? []).some((group) => group.includes(manifest.name))) {
  fail(`"${manifest.name}" is not in the "fixed" group of .changeset/config.json`)
}

if (problems.length > 0) {
  console.error(`${manifest.name}: package.json / README problems:\n- ${problems.join('\n- ')}`)
  process.exit(1)
}
console.log(`${manifest.name}: manifest, typesVersions, README links and changesets group ok`)
