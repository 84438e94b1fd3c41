/**
 * An OpenAPI 3.1 document generated from the operation table, so users can put the SMS routes
 * into their own API docs: input schemas from zod 4's JSON Schema output (Draft 2020-12, the
 * dialect of OpenAPI 3.1), problem+json error responses, and the security of each operation.
 */
import { type JsonSchema, operationJsonSchemas, PROBLEM_SCHEMA } from './json-schemas.js'
import type { AnySmsOperation } from './operations.js'

/** Options of the generated document. */
export interface OpenApiOptions {
  /** Where the routes are mounted, e.g. `'/sms'`. Default `''`. */
  prefix?: string
  /**
   * The document's `servers` URL. A relative one is resolved against where the document is
   * served: `'.'` from `/acme/sms/openapi.json` names `/acme/sms/`, for a mount whose path only
   * the request knows. Default: none (paths are absolute, with `prefix`).
   */
  serverUrl?: string
  /** Default `'SMS routes'`. */
  title?: string
  /** Default `'1.0.0'`. */
  version?: string
  /**
   * How your `authorize` hook reads credentials, as an OpenAPI security scheme. Default: an API
   * key in the `x-api-key` header.
   */
  securityScheme?: JsonSchema
}

/** An OpenAPI 3.1 document (plain JSON). */
export interface OpenApiDocument {
  openapi: '3.1.0'
  info: { title: string; version: string }
  servers?: { url: string; description?: string }[]
  paths: Record<string, Record<string, unknown>>
  components: Record<string, Record<string, unknown>>
}

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid input or malformed JSON; `errors` lists every field',
  401: 'No credentials (from your authorize hook)',
  403: 'Refused by your authorize hook',
  404: 'No such batch',
  413: 'Request body too large',
  422: 'Wrong or expired code',
  429: 'Limited; see Retry-After',
  502: 'The SMS gateway refused or could not be reached',
  504: 'The SMS gateway did not answer in time',
}

/**
 * Builds the document for `operations`.
 *
 * @example
 * ```ts
 * const doc = createOpenApiDocument(service.operations, { prefix: '/sms' })
 * ```
 */
export function createOpenApiDocument(
  operations: readonly AnySmsOperation[],
  options: OpenApiOptions = {},
): OpenApiDocument {
  const prefix = (options.prefix ?? '').replace(/\/+$/, '')
  const paths: OpenApiDocument['paths'] = {}
  for (const op of operations) {
    // The prefix may hold parameters too (Hono's `/:tenant/sms`).
    const path = (prefix + op.path).replace(/:(\w+)/g, '{$1}')
    const item = paths[path] ?? {}
    paths[path] = item
    item[op.method.toLowerCase()] = describeOperation(op)
  }
  return {
    openapi: '3.1.0',
    info: { title: options.title ?? 'SMS routes', version: options.version ?? '1.0.0' },
    ...(options.serverUrl === undefined ? {} : { servers: [{ url: options.serverUrl }] }),
    paths,
    components: {
      schemas: { Problem: PROBLEM_SCHEMA },
      securitySchemes: {
        smsAuthorize: options.securityScheme ?? { type: 'apiKey', in: 'header', name: 'x-api-key' },
      },
    },
  }
}

function describeOperation(op: AnySmsOperation): Record<string, unknown> {
  const { params, body, querystring } = operationJsonSchemas(op)
  const parameters: Record<string, unknown>[] = []
  for (const [location, schema] of [
    ['path', params],
    ['query', querystring],
  ] as const) {
    const properties = (schema?.['properties'] ?? {}) as Record<string, JsonSchema>
    const required = new Set((schema?.['required'] as string[] | undefined) ?? [])
    for (const [name, property] of Object.entries(properties)) {
      parameters.push({ name, in: location, required: required.has(name), schema: property })
    }
  }
  const hasBody = body !== undefined
  const statuses = [400]
  if (op.needsAuthorize) statuses.push(401, 403)
  if (hasBody) statuses.push(413)
  if (op.name === 'otp.verify') statuses.push(422)
  if (op.otpGuarded) statuses.push(429)
  if (op.name === 'batches.get') statuses.push(404)
  // Batches are queued, not sent here: the gateway's answers reach the batch's progress instead.
  if (op.name !== 'segments' && !op.name.startsWith('batches.')) statuses.push(502, 504)
  const responses: Record<string, unknown> = {
    [op.successStatus]: {
      description: op.summary,
      ...(op.location
        ? {
            headers: {
              Location: {
                schema: { type: 'string' },
                description: 'The batch, to follow its progress',
              },
            },
          }
        : {}),
      content: { 'application/json': { schema: { type: 'object' } } },
    },
  }
  for (const status of statuses) {
    responses[status] = {
      description: ERROR_TEXT[status],
      ...(status === 429
        ? { headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds' } } }
        : {}),
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    }
  }
  return {
    operationId: op.name,
    summary: op.summary,
    'x-spends-credits': op.spendsCredits,
    security: op.needsAuthorize ? [{ smsAuthorize: [] }] : [],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(hasBody
      ? { requestBody: { required: true, content: { 'application/json': { schema: body } } } }
      : {}),
    responses,
  }
}
