import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Limits that only catch hangs: a fault run's timed-out sends each wait out the client's
    // 10 s timeout, and a loaded machine stretches everything.
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
})
