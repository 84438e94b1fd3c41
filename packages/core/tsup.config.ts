import { defineConfig } from 'tsup'

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    server: 'src/server/index.ts',
    queue: 'src/queue/index.ts',
    // For the adapters of this repository only (see the header of src/server/internal.ts).
    internal: 'src/server/internal.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
})
