/**
 * Message mode: better-auth makes the code; it goes out as a plain SMS (`messages.send`) in the
 * text from the options, and is checked against the ledger (see `code-ledger.ts`).
 */
import type { SmsClient } from '@iprog-sms/core'
import type { CounterStore } from '@iprog-sms/core/server'
import type { CodePurpose } from '../context.js'
import type { OtpText } from '../otp-text.js'
import { createCodeLedger } from './code-ledger.js'
import type { OtpMode } from './mode.js'

/**
 * @example
 * ```ts
 * const mode = createMessageMode({ client, store, texts, codeLifeMs: 300_000 })
 * ```
 */
export function createMessageMode(options: {
  client: SmsClient
  store: CounterStore
  texts: Record<CodePurpose, OtpText>
  codeLifeMs: number
}): OtpMode {
  const ledger = createCodeLedger(options.store, { codeLifeMs: options.codeLifeMs })
  return {
    async deliver(purpose, phone, code, ctx) {
      // Recorded first: a send that times out after the gateway took it still delivers a code
      // that must verify.
      await ledger.record(purpose, phone, code, ctx)
      await options.client.messages.send({
        to: phone.normalized,
        message: options.texts[purpose].fill(code),
      })
    },
    check: (purpose, phone, code, ctx) => ledger.consume(purpose, phone, code, ctx),
  }
}
