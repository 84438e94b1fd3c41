/**
 * The SMS text a code goes out in. It is checked once, when the options are built: the template
 * must hold `:otp` (the placeholder the gateway's own OTP endpoint fills), is made GSM-7 by core's
 * `smartEncode` (curly quotes, dashes and the peso sign would otherwise turn the message into
 * UCS-2 at less than half the room per part), and must fit in `maxParts` parts with the longest
 * code. Digits are GSM-7, so every code of one length gives the same part count.
 */
import { analyzeMessage, IprogValidationError, smartEncode } from '@iprog-sms/core'

export const OTP_PLACEHOLDER = ':otp'

/** A checked OTP template. */
export interface OtpText {
  /** The template as it is sent (GSM-7 after smart encoding), with `:otp` in it. */
  template: string
  /** Parts one message takes; the same for every code of the configured length. */
  parts: number
  /** The text with `code` in place of `:otp`. */
  fill(code: string): string
}

/**
 * Checks a template for codes of `codeLength` digits; throws `IprogValidationError` at setup,
 * never at send time.
 *
 * @example
 * ```ts
 * const text = prepareOtpText('Your code is :otp', { codeLength: 6, maxParts: 1, option: 'message' })
 * text.fill('123456') // 'Your code is 123456'
 * ```
 */
export function prepareOtpText(
  raw: string,
  limits: { codeLength: number; maxParts: number; option: string },
): OtpText {
  const fail = (message: string) => {
    throw new IprogValidationError(message, [{ path: [limits.option], message }])
  }
  if (typeof raw !== 'string' || !raw.includes(OTP_PLACEHOLDER)) {
    fail(`${limits.option} must contain the ${OTP_PLACEHOLDER} placeholder`)
  }
  const template = smartEncode(raw).text
  const sample = template.split(OTP_PLACEHOLDER).join('0'.repeat(limits.codeLength))
  const analysis = analyzeMessage(sample)
  if (analysis.encoding !== 'GSM-7') {
    const chars = analysis.nonGsmChars.map((c) => JSON.stringify(c.char)).join(', ')
    fail(`${limits.option} has characters outside GSM-7 (${chars}): the SMS would be UCS-2`)
  }
  if (analysis.segmentCount > limits.maxParts) {
    fail(
      `${limits.option} needs ${analysis.segmentCount} SMS parts with a ${limits.codeLength}-digit code; at most ${limits.maxParts} allowed (maxParts)`,
    )
  }
  return {
    template,
    parts: analysis.segmentCount,
    fill: (code) => template.split(OTP_PLACEHOLDER).join(code),
  }
}
