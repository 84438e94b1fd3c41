/**
 * `@iprog-sms/core/internal`: the building blocks of the `@iprog-sms/*` adapters (Express, Hono,
 * Fastify, tRPC, better-auth) and their conformance suite.
 *
 * Only packages of this repository may import it. Nothing here is covered by semver: names and
 * shapes change in any release, in step with the adapters published beside it. Application code
 * uses `@iprog-sms/core/server` (or an adapter) instead.
 */
export { assertAuthorizeConfigured, checkAuthorized } from './authorize.js'
export { resolveClientIp } from './client-ip.js'
export { type ClosableResponse, closeSignal } from './close-signal.js'
export { createFetchHandler, handleOperationRequest } from './fetch-handler.js'
export {
  exceedsUtf8Bytes,
  isJsonMediaType,
  parseJsonText,
  readJsonBody,
  requireJsonMediaType,
} from './json-body.js'
export {
  inputJsonSchema,
  operationJsonSchemas,
  PROBLEM_SCHEMA,
  pathParameterNames,
} from './json-schemas.js'
export { buildInput, createOperations, resultLocation } from './operations.js'
export { PROBLEM_KINDS, problemResponse } from './problem.js'
export { toHeaders } from './request-headers.js'
export { createSchemas, phoneSchema } from './schemas.js'
