/**
 * `@iprog-sms/express`: the SMS operations of `@iprog-sms/core/server` as an Express Router
 * (Express 4.17+ and 5).
 * Translation only: every rule (validation, authorize, OTP limits, error mapping) lives in core.
 */
import type { SmsClient } from '@iprog-sms/core'
import {
  buildInput,
  closeSignal,
  requireJsonMediaType,
  resultLocation,
} from '@iprog-sms/core/internal'
import {
  createOpenApiDocument,
  createSmsService,
  type OpenApiGenerator,
  type SmsServiceOptions,
} from '@iprog-sms/core/server'
import express, { type ErrorRequestHandler, type RequestHandler, type Router } from 'express'

declare global {
  namespace Express {
    interface Request {
      /** The SMS client, set by `smsClient(client)` mounted before your routes. */
      sms: SmsClient
    }
  }
}

/** Options of `smsRouter`: the `createSmsService` options, and `openapi` also takes `true`. */
export interface SmsRouterOptions extends Omit<SmsServiceOptions, 'openapi'> {
  /**
   * Serve `GET <prefix>/openapi.json` (OpenAPI 3.1): `true`, or `createOpenApiDocument` as on
   * every adapter. A Node server does not count bundle bytes, so `true` brings the generator.
   */
  openapi?: boolean | OpenApiGenerator
}

/**
 * A Router with every SMS operation, to mount under a prefix. It parses JSON itself with the
 * body limit (a body the app's own `express.json()` already parsed is used as is), and answers
 * every error as `application/problem+json`.
 *
 * @example
 * ```ts
 * app.use('/sms', smsRouter({ client, authorize: (ctx) => ctx.headers.get('x-api-key') === key }))
 * ```
 */
export function smsRouter(options: SmsRouterOptions): Router {
  const openapi = options.openapi === true ? createOpenApiDocument : options.openapi
  const service = createSmsService({ ...options, openapi })
  const router = express.Router()
  // body-parser skips a request whose body an earlier parser already consumed. Core's rule
  // comes first: a body not declared JSON is a 415 whoever parsed it. So every request that
  // reaches the parser is declared JSON: its type check need not ask again.
  const parseJson = express.json({ limit: service.bodyLimitBytes, type: () => true })
  const json: RequestHandler = (req, res, next) => {
    try {
      requireJsonMediaType(req.headers['content-type'])
    } catch (error) {
      return next(error)
    }
    parseJson(req, res, next)
  }

  if (options.openapi) {
    // A Router never learns the pattern it is mounted at (`req.baseUrl` is the request's own
    // path, `/acme/sms` under `/:tenant/sms`), so one document serves every mount: paths relative
    // to a `servers` URL that resolves against where the document is served.
    router.get('/openapi.json', (_req, res) => {
      res.json(service.openapi({ serverUrl: '.' }))
    })
  }
  for (const operation of service.operations) {
    // Promise chain with `next`, not an async handler: Express 4 ignores a rejected handler,
    // and the request would hang.
    const route: RequestHandler = (req, res, next) => {
      service
        .invoke(operation.name, {
          input: buildInput(operation, {
            params: req.params,
            // Express 5 parses the query string on every read of `req.query`: only reads use it.
            query: operation.inputFrom === 'query' ? req.query : undefined,
            body: req.body,
          }),
          headers: req.headers,
          ip: req.socket.remoteAddress,
          // Core passes a signal to reads only; a send is never cancelled mid-flight.
          signal: operation.method === 'GET' ? closeSignal(res) : undefined,
        })
        .then((result) => {
          const location = resultLocation(operation, result)
          if (location) res.location(location)
          res.status(operation.successStatus).json(result)
        })
        .catch(next)
    }
    const method = operation.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete'
    if (operation.inputFrom === 'body') router[method](operation.path, json, route)
    else router[method](operation.path, route)
  }
  const problems: ErrorRequestHandler = (error, _req, res, _next) => {
    const problem = service.toProblem(error)
    res.status(problem.status).set(problem.headers).send(JSON.stringify(problem.body))
  }
  router.use(problems)
  return router
}

/**
 * Middleware that puts the client on `req.sms` for your own handlers.
 *
 * @example
 * ```ts
 * app.use(smsClient(client))
 * app.post('/signup', async (req, res) => { await req.sms.messages.send({ to, message: 'Welcome!' }) })
 * ```
 */
export function smsClient(client: SmsClient): RequestHandler {
  return (req, _res, next) => {
    req.sms = client
    next()
  }
}
