export { createClient } from './client.js'
export type { GatewayRefusal, IprogErrorCode, ValidationIssue } from './errors.js'
export {
  IprogAbortError,
  IprogApiError,
  IprogAuthError,
  IprogError,
  IprogNetworkError,
  IprogTimeoutError,
  IprogValidationError,
  isIprogError,
} from './errors.js'
export { isGsm7Char, isGsm7Text } from './gsm7.js'
export type { PhoneIssueCode, PhoneParseResult } from './phone.js'
export { normalizePhone, parsePhone } from './phone.js'
export type {
  AnalyzeOptions,
  Encoding,
  MessageAnalysis,
  MessageSize,
  NonGsmChar,
} from './segment.js'
export { analyzeMessage, countSegments, measureMessage } from './segment.js'
export type { Replacement, SmartEncodeOptions, SmartEncodeResult } from './smart-encode.js'
export { smartEncode } from './smart-encode.js'
export type * from './types.js'
