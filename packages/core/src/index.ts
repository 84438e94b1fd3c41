export { createClient } from './client/create-client.js'
export type * from './client/types.js'
export type {
  AnalyzeOptions,
  Encoding,
  MessageAnalysis,
  MessageSize,
  NonGsmChar,
} from './encoding/analyze.js'
export { analyzeMessage, countSegments, measureMessage } from './encoding/analyze.js'
export { isGsm7Char, isGsm7Text } from './encoding/gsm7.js'
export type { Replacement, SmartEncodeOptions, SmartEncodeResult } from './encoding/smart-encode.js'
export { smartEncode } from './encoding/smart-encode.js'
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
export type { PhoneIssueCode, PhoneParseResult } from './phone.js'
export { normalizePhone, parsePhone } from './phone.js'
