import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each file starts the app as a child process (tsx) on a loaded machine.
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
})
