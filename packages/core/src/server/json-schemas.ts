/**
 * The HTTP shape of an operation as JSON Schema (Draft 2020-12, from zod 4): path parameters,
 * the body or the querystring (as the row's `inputFrom` says) and the problem+json error body.
 * One split, used by the OpenAPI document, the Fastify routes and the conformance driver, so
 * "which field comes from where" is decided here and nowhere else.
 */
import * as z from 'zod/mini'
import type { AnySmsOperation } from './operations.js'

export type JsonSchema = Record<string, unknown>

/** The schemas of one route, in the shape Fastify's `schema` option takes. */
export interface OperationJsonSchemas {
  /** Path parameters (`:id`), when the path has any. */
  params?: JsonSchema
  /** The JSON body, for `inputFrom: 'body'`. */
  body?: JsonSchema
  /** The query string, for `inputFrom: 'query'`. */
  querystring?: JsonSchema
  /** Error answers: every 4xx and 5xx is a problem details body. */
  response: { '4xx': JsonSchema; '5xx': JsonSchema }
}

/** The RFC 9457 body every error leaves as (`ProblemDetails`). */
export const PROBLEM_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: {
          path: { type: 'array', items: { type: ['string', 'integer'] } },
          message: { type: 'string' },
          code: { type: 'string' },
        },
      },
    },
    retryAfter: { type: 'integer' },
    maybeDelivered: { type: 'boolean' },
  },
}

/**
 * The JSON Schema of an operation's whole input object, path parameters included.
 *
 * @example
 * ```ts
 * for (const op of service.operations) console.log(op.name, inputJsonSchema(op).required)
 * ```
 */
export function inputJsonSchema(op: AnySmsOperation): JsonSchema {
  const schema = z.toJSONSchema(op.input, { io: 'input', unrepresentable: 'any' }) as JsonSchema
  delete schema['$schema']
  return schema
}

// The table is built once per service and read at startup: no need to convert a row twice.
const cache = new WeakMap<AnySmsOperation, OperationJsonSchemas>()

/**
 * Splits the input schema the way `buildInput` joins a request back together: path parameters
 * apart, the rest as body or querystring.
 *
 * @example
 * ```ts
 * operationJsonSchemas(op) // { params: { … id }, body: { … }, response } for PATCH /reminders/:id
 * ```
 */
export function operationJsonSchemas(op: AnySmsOperation): OperationJsonSchemas {
  const cached = cache.get(op)
  if (cached !== undefined) return cached
  const schema = inputJsonSchema(op)
  const properties = { ...(schema['properties'] as Record<string, JsonSchema> | undefined) }
  const required = new Set(schema['required'] as string[] | undefined)
  const names = pathParameterNames(op.path)
  const result: OperationJsonSchemas = {
    response: { '4xx': PROBLEM_SCHEMA, '5xx': PROBLEM_SCHEMA },
  }
  if (names.length > 0) {
    result.params = {
      type: 'object',
      properties: Object.fromEntries(names.map((name) => [name, properties[name] ?? {}])),
      required: names,
    }
    for (const name of names) {
      delete properties[name]
      required.delete(name)
    }
  }
  const rest = { ...schema, properties, required: [...required] }
  if (op.inputFrom === 'body') result.body = rest
  else result.querystring = rest
  cache.set(op, result)
  return result
}

/**
 * The `:name` parameters of a route path, in order.
 *
 * @example
 * ```ts
 * pathParameterNames('/reminders/:id') // ['id']
 * ```
 */
export function pathParameterNames(path: string): string[] {
  return [...path.matchAll(/:(\w+)/g)].map((match) => match[1] as string)
}
