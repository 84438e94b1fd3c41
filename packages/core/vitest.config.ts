import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Property runs take seconds on a quiet machine and many times that beside other CPU-bound
    // work; the limit only catches hangs.
    testTimeout: 120_000,
  },
})
