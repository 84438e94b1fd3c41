/**
 * `@iprog-sms/core/server`: the framework-neutral SMS operations, for people who mount them.
 * What a user calls: `createSmsService` (or an adapter, which takes the same options), the
 * counter stores, the OTP guard, the OpenAPI generator, the errors an `authorize` hook may throw
 * or a caller may catch, and `toProblem`. The helpers adapters are built from live in `@iprog-sms/core/internal`.
 */
export type { Authorize, AuthorizeContext } from './authorize.js'
export type { ClientIpContext, TrustProxy } from './client-ip.js'
export {
  IprogForbiddenError,
  IprogInvalidJsonError,
  IprogOtpAttemptsExceededError,
  IprogOtpInvalidError,
  IprogPayloadTooLargeError,
  IprogRateLimitError,
  IprogRouteError,
  IprogStoreFullError,
  IprogUnauthorizedError,
  IprogUnsupportedMediaTypeError,
  type ServerErrorCode,
} from './errors.js'
export type { FetchConnection } from './fetch-handler.js'
export type { JsonSchema, OperationJsonSchemas } from './json-schemas.js'
export type { OpenApiDocument, OpenApiOptions } from './openapi.js'
// Passed as the `openapi` option; only apps that import it bundle it.
export { createOpenApiDocument } from './openapi.js'
export type { OpenApiGenerator } from './openapi-option.js'
export type {
  AnySmsOperation,
  HttpMethod,
  InputSource,
  OperationContext,
  OperationInput,
  OperationName,
  OperationOutputs,
  OtpMessageOptions,
  OtpSendPublicResult,
  OtpVerifyPublicResult,
  RestInputParts,
  SmsOperation,
} from './operations.js'
export type { OtpGuard, OtpLimits } from './otp-guard.js'
export { createOtpGuard, DEFAULT_OTP_LIMITS } from './otp-guard.js'
export type { ProblemCode, ProblemDetails, ProblemResponse } from './problem.js'
export { toProblem } from './problem.js'
export type { HeadersLike } from './request-headers.js'
export type { OperationSchemas } from './schemas.js'
export type { InvokeCall, SmsLogger, SmsService, SmsServiceOptions } from './service.js'
export { createSmsService } from './service.js'
export type { MemoryStoreOptions } from './stores/memory-store.js'
export { createMemoryStore } from './stores/memory-store.js'
export type { RedisStoreClient, RedisStoreOptions } from './stores/redis-store.js'
export { createRedisStore } from './stores/redis-store.js'
export type { CounterState, CounterStore } from './stores/store.js'
