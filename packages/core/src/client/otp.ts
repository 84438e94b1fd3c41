import type { ClientContext } from './client-context.js'
import { joinMessage, readRecord, readString, unexpectedReply } from './http/gateway-reply.js'
import {
  addIssue,
  type Issues,
  inputObject,
  integerField,
  phoneField,
  throwIfIssues,
} from './input-issues.js'
import { parseGatewayTime } from './manila-time.js'
import type {
  CallOptions,
  OtpSendInput,
  OtpSendResult,
  OtpVerifyInput,
  OtpVerifyResult,
  SmsClient,
} from './types.js'

/**
 * `otp.send` and `otp.verify` over one client context.
 *
 * @example
 * ```ts
 * const otp = createOtp(ctx)
 * const { verified } = await otp.verify({ to: '09171234567', code: '123456' })
 * ```
 */
export function createOtp(ctx: ClientContext): SmsClient['otp'] {
  return {
    async send(input: OtpSendInput, options?: CallOptions): Promise<OtpSendResult> {
      const {
        to: rawTo,
        message,
        codeLength,
        expiresInMinutes,
      } = inputObject(input, 'otp.send input')
      const issues: Issues = []
      const to = phoneField(rawTo, 'to', issues)
      if (message !== undefined && (typeof message !== 'string' || !message.includes(':otp'))) {
        addIssue(
          issues,
          'message',
          'otp_placeholder',
          'message must contain the :otp placeholder, where the gateway puts the code',
        )
      }
      const length = integerField(codeLength, 4, 10, 'codeLength', issues)
      const minutes = integerField(expiresInMinutes, 1, 60, 'expiresInMinutes', issues)
      throwIfIssues(issues)
      const body = await ctx.request(
        'POST',
        '/api/v1/otp/send_otp',
        { phone_number: to, message, code_length: length, expires_in_minutes: minutes },
        options,
      )
      const data = readRecord(body, 'data') ?? {}
      const code = readString(data, 'otp_code')
      if (!code) throw unexpectedReply(body, 'data.otp_code', true)
      return {
        to,
        code,
        expiresAt: parseGatewayTime(data.otp_code_expires_at),
        message: readString(data, 'message'),
        raw: body,
      }
    },

    async verify(input: OtpVerifyInput, options?: CallOptions): Promise<OtpVerifyResult> {
      const { to: rawTo, code } = inputObject(input, 'otp.verify input')
      const issues: Issues = []
      const to = phoneField(rawTo, 'to', issues)
      const digits = typeof code === 'string' ? code.trim() : ''
      if (!/^\d{4,10}$/.test(digits)) {
        addIssue(issues, 'code', 'otp_format', 'code must be 4 to 10 digits')
      }
      throwIfIssues(issues)
      // A wrong or expired code is an answer, not a fault: `"status": "error"` comes back as
      // `verified: false`; a bad token, a 5xx or a network failure still throws.
      const body = await ctx.request(
        'POST',
        '/api/v1/otp/verify_otp',
        { phone_number: to, otp: digits },
        { signal: options?.signal, tolerateError: true },
      )
      return {
        verified: body.status === 'success',
        message: joinMessage(body.message) ?? '',
        raw: body,
      }
    },
  }
}
