/**
 * `@iprog-sms/fastify`: a Fastify 5 plugin that decorates `fastify.sms` with the client and
 * registers the operations of `@iprog-sms/core/server` as native routes (JSON schemas, Fastify's
 * own body parser and limits, encapsulated under a prefix). Translation only: every rule
 * (validation, authorize, OTP limits, error mapping) lives in core.
 */
import { type ClientOptions, createClient, type SmsClient } from '@iprog-sms/core'
import {
  buildInput,
  closeSignal,
  operationJsonSchemas,
  requireJsonMediaType,
  resultLocation,
} from '@iprog-sms/core/internal'
import {
  type CounterStore,
  createOpenApiDocument,
  createSmsService,
  IprogRouteError,
  type OpenApiGenerator,
  type OperationName,
  type OperationOutputs,
  type OperationSchemas,
  type SmsService,
  type SmsServiceOptions,
} from '@iprog-sms/core/server'
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { z } from 'zod'

declare module 'fastify' {
  interface FastifyInstance {
    /** The SMS client, decorated by `app.register(iprogSms, { client })`. */
    sms: SmsClient
  }
}

/** Options of the plugin: the `createSmsService` options plus where and what to mount. */
export interface IprogSmsOptions
  extends Omit<SmsServiceOptions, 'client' | 'basePath' | 'openapi'> {
  /** The client (`createClient(...)`); or give `clientOptions` and the plugin creates one. */
  client?: SmsClient
  clientOptions?: ClientOptions
  /** Where the routes go, e.g. `'/sms'`. Default `''`. */
  prefix?: string
  /** `false` only decorates `fastify.sms` (no routes, no `authorize` needed). Default `true`. */
  routes?: boolean
  /** `false` skips `fastify.sms`, for a second instance in the same scope. Default `true`. */
  decorate?: boolean
  /** Counters for the OTP limits; closed with the app when it has a `close()` (e.g. Redis). */
  store?: CounterStore & { close?(): unknown }
  /**
   * Serve `GET <prefix>/openapi.json` (OpenAPI 3.1): `true`, or `createOpenApiDocument` as on
   * every adapter. A Node server does not count bundle bytes, so `true` brings the generator.
   */
  openapi?: boolean | OpenApiGenerator
}

/** What a route accepts as JSON: the body for POST/PATCH, path and query for GET/DELETE. */
export type SmsRouteInput<N extends OperationName> = z.input<OperationSchemas[N]>
/** What a route answers on success (dates as ISO strings on the wire). */
export type SmsRouteReply<N extends OperationName> = OperationOutputs[N]

// The route schemas describe the request to schema readers (`@fastify/swagger`); core's zod
// schema is the one validation (with the phone rule, which JSON Schema cannot say), so Fastify's
// own validator is not compiled: every body is checked once, not by ajv and then by zod.
const validatedByCore = () => () => true

const plugin: FastifyPluginAsync<IprogSmsOptions> = async (fastify, options) => {
  const { client: given, clientOptions, prefix = '', routes = true, decorate = true } = options
  const client = given ?? createClient(clientOptions)
  if (decorate) {
    if (fastify.hasDecorator('sms')) {
      throw new Error(
        '[iprog-sms] fastify.sms is already decorated in this scope: pass `decorate: false` to the second instance, or register it in its own encapsulated scope.',
      )
    }
    fastify.decorate('sms', client)
  }
  const store = options.store
  if (typeof store?.close === 'function') fastify.addHook('onClose', async () => store.close?.())
  if (!routes) return
  const openapi = options.openapi === true ? createOpenApiDocument : options.openapi
  const service = createSmsService({ ...options, client, openapi })
  await fastify.register(async (scope) => registerRoutes(scope, service, options), { prefix })
}

/**
 * The plugin (default export too). Register once per client; a second instance in the same
 * scope needs `decorate: false` (or its own encapsulated scope, which gets its own `sms`).
 *
 * @example
 * ```ts
 * await app.register(iprogSms, { prefix: '/sms', client, authorize: (ctx) => ctx.headers.get('x-api-key') === key })
 * ```
 */
export const iprogSms = fp(plugin, { name: '@iprog-sms/fastify', fastify: '5.x' })

export default iprogSms

function registerRoutes(scope: FastifyInstance, service: SmsService, options: IprogSmsOptions) {
  // Fastify's own `trustProxy` already shaped `request.ip`; core's `trustProxy`/`getClientIp`,
  // when set, read the socket and headers themselves (applying both would skip a hop twice).
  const coreReadsProxy = options.trustProxy !== undefined || options.getClientIp !== undefined
  const peer = (request: FastifyRequest) =>
    coreReadsProxy ? request.socket.remoteAddress : request.ip

  const answer = (reply: FastifyReply, error: unknown) => {
    const { status, headers, body } = service.toProblem(error)
    return reply.code(status).headers(headers).send(body)
  }
  // An unknown path under the prefix is a 404 problem, even when Fastify's body parser failed
  // first (an empty JSON body): the path, not the body, is what is wrong.
  scope.setNotFoundHandler((_request, reply) => answer(reply, new IprogRouteError('not_found')))
  scope.setErrorHandler((error, request, reply) =>
    answer(reply, request.is404 ? new IprogRouteError('not_found') : error),
  )
  // `application/merge-patch+json` and friends are JSON too (core's rule); Fastify parses only
  // `application/json` by itself.
  scope.addContentTypeParser(
    /^application\/[\w.-]+\+json$/i,
    { parseAs: 'string' },
    scope.getDefaultJsonParser('error', 'error'),
  )
  // Before Fastify reads the body: a form post or `no-cors` fetch never reaches a parser.
  const requireJson = (
    request: FastifyRequest,
    _reply: FastifyReply,
    done: (error?: Error) => void,
  ) => {
    try {
      requireJsonMediaType(request.headers['content-type'])
      done()
    } catch (error) {
      done(error as Error)
    }
  }
  if (options.openapi) {
    scope.get('/openapi.json', async () => service.openapi({ prefix: scope.prefix }))
  }
  for (const operation of service.operations) {
    scope.route({
      method: operation.method,
      url: operation.path,
      bodyLimit: service.bodyLimitBytes,
      ...(operation.inputFrom === 'body' ? { onRequest: requireJson } : {}),
      schema: operationJsonSchemas(operation),
      validatorCompiler: validatedByCore,
      handler: async (request, reply) => {
        const result = await service.invoke(operation.name, {
          input: buildInput(operation, {
            params: request.params as Record<string, unknown>,
            query: request.query as Record<string, unknown>,
            body: request.body,
          }),
          headers: request.headers,
          ip: peer(request),
          // Core passes a signal to reads only; a send is never cancelled mid-flight.
          signal: operation.method === 'GET' ? closeSignal(reply.raw) : undefined,
        })
        const location = resultLocation(operation, result)
        if (location) reply.header('location', location)
        return reply.code(operation.successStatus).send(result)
      },
    })
  }
}
