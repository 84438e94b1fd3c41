/**
 * `@iprog-sms/better-auth`: phone-number sign-in for better-auth through the IPROG SMS gateway,
 * with core's OTP guard in front of every send and verify.
 */
export { toApiError } from './api-error.js'
export { canonicalPhoneNumbers } from './canonical-plugin.js'
export type { CodePurpose, EndpointContext } from './context.js'
export { iprogPhoneNumber } from './iprog-phone-number.js'
export type { IprogPhoneNumberOptions, OtpDeliveryMode } from './options.js'
export type { PhoneNumberForm } from './phone-form.js'
export { checkPhoneNumber, iprogPhoneNumberValidator, toE164Phone } from './phone-form.js'
