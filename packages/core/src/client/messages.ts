import { IprogAuthError, IprogTimeoutError, isIprogError } from '../errors.js'
import { mapBulkReply, planBulk, rejectAll, runPool } from './bulk.js'
import type { ClientContext } from './client-context.js'
import { joinMessage, readNumber, readString, unexpectedReply } from './http/gateway-reply.js'
import { abortError, sleep } from './http/retry.js'
import { type Issues, inputObject, invalid, phoneField, throwIfIssues } from './input-issues.js'
import { prepareText } from './message-text.js'
import type {
  BulkAccepted,
  BulkInput,
  BulkRejected,
  BulkResult,
  CallOptions,
  SendInput,
  SendResult,
  SmsClient,
  StatusResult,
} from './types.js'

type Sender = Pick<SendInput, 'smsProvider' | 'senderName'>

// Per-call values win over the client's; both are sent only when set.
function senderFields(ctx: ClientContext, input: Sender, issues: Issues) {
  const provider = input.smsProvider ?? ctx.smsProvider
  if (provider !== undefined && ![0, 1, 2].includes(provider)) {
    issues.push({ path: ['smsProvider'], message: 'smsProvider must be 0, 1 or 2' })
  }
  const sender = input.senderName ?? ctx.senderName
  if (sender !== undefined && (typeof sender !== 'string' || !sender.trim())) {
    issues.push({ path: ['senderName'], message: 'senderName must be a non-empty string' })
  }
  return { sms_provider: provider, sender_name: sender }
}

/**
 * `messages.send`, `messages.sendBulk` and `messages.status` over one client context.
 *
 * @example
 * ```ts
 * const messages = createMessages(ctx)
 * await messages.send({ to: '09171234567', message: 'Hi' })
 * ```
 */
export function createMessages(ctx: ClientContext): SmsClient['messages'] {
  const messages: SmsClient['messages'] = {
    async send(input: SendInput, options?: CallOptions): Promise<SendResult> {
      const { to: rawTo, message: rawMessage } = inputObject(input, 'messages.send input')
      const issues: Issues = []
      const to = phoneField(rawTo, 'to', issues)
      const prepared = prepareText(rawMessage, ctx.text, issues)
      const sender = senderFields(ctx, input, issues)
      throwIfIssues(issues)
      const { text, estimate } = prepared!
      const body = await ctx.request(
        'POST',
        '/api/v1/sms_messages',
        { phone_number: to, message: text, ...sender },
        options,
      )
      const messageId = readString(body, 'message_id')
      if (!messageId) throw unexpectedReply(body, 'message_id', true)
      return {
        messageId,
        to,
        smsRate: readNumber(body, 'sms_rate'),
        message: text,
        estimate,
        statusLink: readString(body, 'message_status_link'),
        gatewayMessage: joinMessage(body.message) ?? '',
        raw: body,
      }
    },

    async sendBulk(input: BulkInput, options?: CallOptions): Promise<BulkResult> {
      const { to: recipients, message: rawMessage } = inputObject(input, 'messages.sendBulk input')
      const issues: Issues = []
      if (!Array.isArray(recipients) || recipients.length === 0) {
        issues.push({ path: ['to'], message: 'to must be a non-empty array of phone numbers' })
      }
      const prepared = prepareText(rawMessage, ctx.text, issues)
      const sender = senderFields(ctx, input, issues)
      throwIfIssues(issues)
      const { text, estimate } = prepared!
      const signal = options?.signal
      if (signal?.aborted) throw abortError(signal, undefined, false)
      const plan = planBulk(recipients, ctx.bulkChunkSize)
      const accepted: BulkAccepted[][] = []
      const rejected: BulkRejected[][] = []
      let fatal: unknown

      const skipped = await runPool(
        plan.chunks.length,
        ctx.bulkConcurrency,
        async (index) => {
          const chunk = plan.chunks[index]!
          try {
            // mapBulkReply never throws: only the call itself can fail here.
            const mapped = mapBulkReply(
              chunk,
              await ctx.request(
                'POST',
                '/api/v1/sms_messages/send_bulk',
                // The gateway takes one comma-separated string, not an array.
                { phone_number: chunk.join(','), message: text, ...sender },
                { signal },
              ),
            )
            accepted[index] = mapped.accepted
            rejected[index] = mapped.rejected
          } catch (error) {
            // A bad token or an empty balance fails every chunk alike: stop spending calls.
            if (error instanceof IprogAuthError) fatal = error
            // Each chunk's own flag: only an error that knows the call never reached the gateway
            // (or was refused by it) says false; anything unknown may have been delivered.
            const maybe = isIprogError(error) ? (error.maybeDelivered ?? true) : true
            rejected[index] = rejectAll(chunk, error, maybe)
          }
        },
        () => fatal !== undefined || signal?.aborted === true,
      )
      const notSent =
        fatal ??
        abortError(signal, 'Not sent: the call was aborted before these recipients went out')
      for (const index of skipped) rejected[index] = rejectAll(plan.chunks[index]!, notSent, false)
      return {
        accepted: accepted.flat(),
        rejected: [...plan.rejected, ...rejected.flat()],
        message: text,
        estimate,
      }
    },

    async status(messageId: string, options?: CallOptions): Promise<StatusResult> {
      const id = typeof messageId === 'string' ? messageId.trim() : ''
      if (!id) throw invalid('messageId', 'messageId must be a non-empty string')
      const body = await ctx.request(
        'GET',
        '/api/v1/sms_messages/status',
        { message_id: id },
        options,
      )
      const status = readString(body, 'message_status')
      if (!status) throw unexpectedReply(body, 'message_status', false)
      return {
        messageId: id,
        status,
        smsCount: readNumber(body, 'sms_count'),
        raw: body,
      }
    },

    async waitForStatus(messageId, { timeoutMs = 12e4, intervalMs = 2e3, signal } = {}) {
      if (!(intervalMs >= 1)) throw invalid('intervalMs', 'intervalMs must be >= 1')
      const deadline = ctx.now() + timeoutMs
      // Backoff: each wait 1.5 times the last, up to 10 times intervalMs.
      for (let wait = intervalMs; ; wait = Math.min(wait * 1.5, intervalMs * 10)) {
        const result = await messages.status(messageId, { signal })
        if (result.status === 'completed' || result.status === 'failed') return result
        const left = deadline - ctx.now()
        if (!(left > 0)) {
          throw new IprogTimeoutError(
            `The message is still ${result.status} after ${timeoutMs} ms`,
            timeoutMs,
            false,
          )
        }
        await sleep(Math.min(wait, left), signal)
      }
    },
  }
  return messages
}
