/**
 * The `openapi` option of `createSmsService`: the document generator itself, not a switch. An
 * app that serves the document imports `createOpenApiDocument` and passes it; every other app
 * (a Worker, above all) leaves the generator and zod's JSON Schema conversion out of its bundle,
 * about 8 kB min+gzip, which a `true` read at run time could not do.
 */
import { IprogError } from '../errors.js'
import type { OpenApiDocument, OpenApiOptions } from './openapi.js'
import type { AnySmsOperation } from './operations.js'

/** Builds the OpenAPI document of the exposed operations: `createOpenApiDocument`. */
export type OpenApiGenerator = (
  operations: readonly AnySmsOperation[],
  options?: OpenApiOptions,
) => OpenApiDocument

/**
 * The generator the option names, or `undefined` when the document is not served. `true` is
 * refused at startup with the way to ask for the document, rather than ignored.
 *
 * @example
 * ```ts
 * openApiGenerator(createOpenApiDocument) // createOpenApiDocument
 * openApiGenerator(undefined) // undefined
 * ```
 */
export function openApiGenerator(
  option: OpenApiGenerator | false | undefined,
): OpenApiGenerator | undefined {
  if (option === undefined || option === false) return undefined
  if (typeof option === 'function') return option
  throw new IprogError(
    'invalid_option',
    "openapi takes the generator, not true: import { createOpenApiDocument } from '@iprog-sms/core/server' and pass openapi: createOpenApiDocument",
  )
}

/**
 * The error of `service.openapi()` on a service built without the option: how to turn it on.
 *
 * @example
 * ```ts
 * if (generate === undefined) throw openApiNotServedError()
 * ```
 */
export function openApiNotServedError(): IprogError {
  return new IprogError(
    'invalid_option',
    "service.openapi() needs the openapi option: pass openapi: createOpenApiDocument (from '@iprog-sms/core/server')",
  )
}
