import { defineConfig } from 'tsup'

export default defineConfig({
  // cli and demo are executables (bin/iprog-sms-sandbox.js, `pnpm demo`); only index has types.
  entry: { index: 'src/index.ts', cli: 'src/cli.ts', demo: 'src/demo.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts' } },
  clean: true,
  sourcemap: true,
  target: 'es2022',
})
