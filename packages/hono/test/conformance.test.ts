import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { describeAdapter } from '@iprog-sms/conformance'
import { Hono } from 'hono'
import { smsRoutes } from '../src/index.js'

describeAdapter(
  'hono',
  async ({ options, prefix, preParsedBody }) => {
    const app = new Hono()
    if (preParsedBody) {
      // An existing app whose own middleware read the JSON body before the SMS routes.
      app.use(async (c, next) => {
        if (c.req.header('content-type')?.includes('json')) await c.req.json().catch(() => null)
        await next()
      })
    }
    app.route(prefix, smsRoutes(options))
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
    })
    const { port } = server.address() as AddressInfo
    return {
      baseUrl: `http://127.0.0.1:${port}${prefix}`,
      close: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve())
          if ('closeAllConnections' in server) server.closeAllConnections()
        }),
    }
  },
  { preParsedBody: true },
)
