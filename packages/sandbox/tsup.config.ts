import { defineConfig } from 'tsup'

// The library is ESM + CJS with types. The CLI (bin/iprog-sms-sandbox.js imports dist/cli.js)
// is ESM only: no `exports` or `bin` entry reaches a CJS copy of it. Each build cleans only its own files, so the two can
// run side by side.
export default defineConfig([
  {
    entry: { index: 'src/index.ts', cli: 'src/cli.ts' },
    format: ['esm'],
    dts: { entry: { index: 'src/index.ts' } },
    clean: ['**/*.js', '**/*.js.map', '**/*.d.ts'],
    sourcemap: true,
    target: 'es2022',
  },
  {
    entry: { index: 'src/index.ts' },
    format: ['cjs'],
    dts: { entry: { index: 'src/index.ts' } },
    clean: ['**/*.cjs', '**/*.cjs.map', '**/*.d.cts'],
    sourcemap: true,
    target: 'es2022',
  },
])
