/**
 * Fastify route schemas from the zod input schemas of the operation table (zod 4's JSON Schema
 * output, via core). They describe the request to Fastify's compiled validators and to schema
 * readers such as `@fastify/swagger`; the zod schema stays the authority (refinements and phone
 * parsing have no JSON Schema form). The keywords they use mean the same in draft-07 (Fastify's
 * ajv default) and 2020-12; ajv's strict mode refuses any other at startup, which tests cover.
 */
import { type AnySmsOperation, inputJsonSchema, type JsonSchema } from '@iprog-sms/core/server'

/** The `schema` of one route: path parameters apart, the rest as body or querystring. */
export interface RouteSchema {
  params?: JsonSchema
  body?: JsonSchema
  querystring?: JsonSchema
}

/**
 * Splits the operation's input schema the way `buildInput` joins a request back together.
 *
 * @example
 * ```ts
 * routeSchema(operation) // { params: { ... id }, body: { ... } } for PATCH /reminders/:id
 * ```
 */
export function routeSchema(operation: AnySmsOperation): RouteSchema {
  const schema = inputJsonSchema(operation)
  const properties = { ...(schema['properties'] as Record<string, JsonSchema> | undefined) }
  const required = new Set(schema['required'] as string[] | undefined)
  const names = [...operation.path.matchAll(/:(\w+)/g)].map((match) => match[1] as string)
  const result: RouteSchema = {}
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
  if (operation.method === 'POST' || operation.method === 'PATCH') result.body = rest
  else result.querystring = rest
  return result
}
