/**
 * Loads the built packages of one checkout (after its `turbo run build`), and only those: every
 * module comes from that checkout's `packages/<name>/dist` and the frameworks its adapters were
 * installed with. CommonJS entries throughout, so the adapters and this run share one copy of
 * each framework (a second ESM copy of `@trpc/server` would turn every `TRPCError` into a 500).
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

/**
 * @example
 * ```js
 * const co = loadCheckout('/work/wt/before')
 * const client = co.core.createClient({ apiToken, baseUrl })
 * ```
 */
export function loadCheckout(dir) {
  const from = (pkg) => createRequire(join(dir, 'packages', pkg, 'package.json'))
  for (const pkg of ['core', 'sandbox', 'express', 'hono', 'fastify', 'trpc']) {
    if (!existsSync(join(dir, 'packages', pkg, 'dist'))) {
      throw new Error(`${dir}/packages/${pkg}/dist is missing: run turbo run build there first`)
    }
  }
  return {
    dir,
    core: from('core')('@iprog-sms/core'),
    server: from('core')('@iprog-sms/core/server'),
    sandbox: from('sandbox')('@iprog-sms/sandbox'),
    express: { adapter: from('express')('@iprog-sms/express'), lib: from('express')('express') },
    hono: {
      adapter: from('hono')('@iprog-sms/hono'),
      lib: from('hono')('hono'),
      node: from('hono')('@hono/node-server'),
    },
    fastify: { adapter: from('fastify')('@iprog-sms/fastify'), lib: from('fastify')('fastify') },
    trpc: {
      adapter: from('trpc')('@iprog-sms/trpc'),
      lib: from('trpc')('@trpc/server'),
      standalone: from('trpc')('@trpc/server/adapters/standalone'),
    },
  }
}
