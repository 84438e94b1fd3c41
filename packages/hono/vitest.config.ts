import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Limits that only catch hangs: the suite must pass beside other CPU-bound work, where
    // a real-HTTP test can take many times its quiet-machine duration.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
