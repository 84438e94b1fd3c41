/**
 * `@iprog-sms/hono`: the SMS operations of `@iprog-sms/core/server` as a Hono sub-app. Web
 * standards only, so it runs on Node (`@hono/node-server`), Bun, Deno and Workers. Translation
 * only: body cap, JSON parsing, validation, authorize, OTP limits and problem+json live in core.
 */
import type { SmsClient } from '@iprog-sms/core'
import { createSmsService, type SmsServiceOptions } from '@iprog-sms/core/server'
import { type Context, Hono } from 'hono'
import { createMiddleware } from 'hono/factory'
import { baseRoutePath } from 'hono/route'

/** Options of `smsRoutes`: the `createSmsService` options plus how to find the socket address. */
export interface SmsRoutesOptions extends SmsServiceOptions {
  /**
   * The TCP peer address, which the per-IP OTP limit counts (after `trustProxy`). Default: the
   * socket of `@hono/node-server`. Runtimes without sockets (Workers) should set core's
   * `getClientIp` instead, e.g. `({ headers }) => headers.get('cf-connecting-ip') ?? undefined`.
   */
  getRemoteAddress?: (c: Context) => string | undefined
}

/** Variables `smsClient` adds: `c.var.sms`. */
export type SmsVariables = { sms: SmsClient }

/**
 * A Hono app with every SMS operation, to mount under a prefix; errors answer as
 * `application/problem+json`.
 *
 * @example
 * ```ts
 * app.route('/sms', smsRoutes({ client, authorize: (ctx) => ctx.headers.get('x-api-key') === key }))
 * ```
 */
export function smsRoutes(options: SmsRoutesOptions): Hono {
  const service = createSmsService(options)
  const remoteAddress = options.getRemoteAddress ?? nodeServerSocketAddress
  const app = new Hono()

  if (options.openapi) {
    // The route pattern, not the request path: under `/:tenant/sms` one document serves every
    // tenant, and nothing of the request is copied into it.
    app.get('/openapi.json', (c) => c.json(service.openapi({ prefix: baseRoutePath(c) })))
  }
  for (const operation of service.operations) {
    app.on(operation.method, operation.path, (c) =>
      service.handle(operation.name, c.req.raw, {
        params: c.req.param() as Record<string, string>,
        remoteAddress: remoteAddress(c),
        // Hono's own read: a copy an app middleware already made, or (a declared length, which
        // core checks against the cap first and Node holds the body to) @hono/node-server's
        // direct read, much cheaper than a Web stream. A chunked body streams, capped.
        readBodyText:
          c.req.raw.bodyUsed || c.req.header('content-length') !== undefined
            ? () => c.req.text()
            : undefined,
      }),
    )
  }
  return app
}

/**
 * Middleware that sets `c.var.sms` (typed) for your own handlers.
 *
 * @example
 * ```ts
 * const app = new Hono<{ Variables: SmsVariables }>()
 * app.use(smsClient(client))
 * app.post('/signup', async (c) => c.json(await c.var.sms.messages.send({ to, message: 'Welcome!' })))
 * ```
 */
export function smsClient(client: SmsClient) {
  return createMiddleware<{ Variables: SmsVariables }>(async (c, next) => {
    c.set('sms', client)
    await next()
  })
}

// @hono/node-server passes `{ incoming, outgoing }` as the env; read it without importing Node.
function nodeServerSocketAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined
  return env?.incoming?.socket?.remoteAddress
}
