import { defineConfig } from 'vitest/config'

// Every test runs on Express 5 (the `express` devDependency); the conformance suite and the
// client middleware run again on a real Express 4 (`express4`, aliased to `express` for the
// adapter source too), the peer range's other major.
export default defineConfig({
  test: {
    // Limits that only catch hangs: the suite must pass beside other CPU-bound work, where
    // a real-HTTP test can take many times its quiet-machine duration.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'express 5', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
      },
      {
        extends: true,
        resolve: { alias: [{ find: /^express$/, replacement: 'express4' }] },
        test: {
          name: 'express 4',
          include: [
            'test/conformance.test.ts',
            'test/sms-client.test.ts',
            'test/express-version.test.ts',
          ],
          env: { EXPRESS_MAJOR: '4' },
        },
      },
    ],
  },
})
