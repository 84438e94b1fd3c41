/**
 * `@iprog-sms/conformance` (private): the adapter suite every REST adapter runs, and the parts a
 * non-REST adapter (tRPC) reuses with its own driver.
 */
export type {
  AdapterFeatures,
  AdapterStartContext,
  StartAdapter,
  StartedAdapter,
} from './describe-adapter.js'
export { describeAdapter } from './describe-adapter.js'
export type { ConformanceEnvironment } from './environment.js'
export { CONFORMANCE_TOKEN, startEnvironment } from './environment.js'
export { expectProblem } from './expect-problem.js'
export { expectNoLeaks } from './leak-check.js'
export { describeOperationScenarios, type ScenarioContext } from './operation-scenarios.js'
export { type RecordingLogger, recordingLogger } from './recording-logger.js'
export type { Driver, Outcome, RestDriver } from './rest-driver.js'
export { createRestDriver } from './rest-driver.js'
export { describeRestScenarios, type RestScenarioContext } from './rest-scenarios.js'
export type { InvalidCase } from './scenarios.js'
export {
  AUTHORIZED,
  CONFORMANCE_KEY,
  GUARDED_CALLS,
  INVALID_CASES,
  MAX_BULK,
  normalised,
  PHONES,
} from './scenarios.js'
export { connectTestRedis, deletePrefix, REDIS_URL, testPrefix } from './test-redis.js'
