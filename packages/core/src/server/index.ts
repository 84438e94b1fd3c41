/**
 * `@iprog-sms/core/server`: the framework-neutral SMS operations every adapter translates.
 */
export type { Authorize, AuthorizeContext } from './authorize.js'
export { assertAuthorizeConfigured, checkAuthorized } from './authorize.js'
export type { ClientIpContext, TrustProxy } from './client-ip.js'
export { resolveClientIp } from './client-ip.js'
export {
  IprogForbiddenError,
  IprogInvalidJsonError,
  IprogOtpAttemptsExceededError,
  IprogOtpInvalidError,
  IprogPayloadTooLargeError,
  IprogRateLimitError,
  IprogRouteError,
  IprogUnauthorizedError,
} from './errors.js'
export type { FetchConnection } from './fetch-handler.js'
export { createFetchHandler, handleOperationRequest } from './fetch-handler.js'
export { parseJsonText, readJsonBody } from './json-body.js'
export type { JsonSchema, OpenApiDocument, OpenApiOptions } from './openapi.js'
export { createOpenApiDocument, inputJsonSchema } from './openapi.js'
export type {
  AnySmsOperation,
  HttpMethod,
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
export { buildInput, createOperations } from './operations.js'
export type { OtpGuard, OtpLimits } from './otp-guard.js'
export { createOtpGuard, DEFAULT_OTP_LIMITS } from './otp-guard.js'
export type { ProblemDetails, ProblemResponse } from './problem.js'
export { PROBLEM_KINDS, problemResponse, toProblem } from './problem.js'
export type { HeadersLike } from './request-headers.js'
export { toHeaders } from './request-headers.js'
export type { OperationSchemas } from './schemas.js'
export { createSchemas, phoneSchema } from './schemas.js'
export type { InvokeCall, SmsLogger, SmsService, SmsServiceOptions } from './service.js'
export { createSmsService } from './service.js'
export type { MemoryStoreOptions } from './stores/memory-store.js'
export { createMemoryStore } from './stores/memory-store.js'
export {
  createRedisStore,
  type RedisStoreClient,
  type RedisStoreOptions,
} from './stores/redis-store.js'
export type { CounterState, CounterStore } from './stores/store.js'
