/**
 * Message mode: better-auth makes the code and hands it to `sendOTP`; because better-auth's own
 * check has no hook in front of it (a `verifyOTP` replaces it), the code is checked here against
 * a keyed digest written to the counter store when it went out. The digest is an HMAC under
 * better-auth's secret, so a store dump does not list codes, and instances that share the store
 * and the secret check each other's codes.
 *
 * Each purpose of each number has a generation counter: a new code bumps it, which makes every
 * earlier code dead (better-auth keeps only the latest code too). A code is single use: the
 * first verify that increments its key from 1 to 2 wins, so two racing verifies cannot both pass.
 */
import type { CounterStore } from '@iprog-sms/core/server'
import type { CodePurpose, EndpointContext } from '../context.js'
import { KEY_PREFIX, type OtpMode, type PhoneRef } from './mode.js'

// Longer than any code life (at most 60 minutes): a generation outlives every code it numbers.
const GENERATION_WINDOW_MS = 24 * 3_600_000

const encoder = new TextEncoder()

async function digest(secret: string, parts: string[]): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(parts.join('\n')))
  return Array.from(new Uint8Array(mac), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

function secretOf(ctx: EndpointContext | undefined): string {
  const secret = ctx?.context.secret
  // better-auth always passes its context; without it there is nothing to key the digest with.
  if (!secret) throw new Error('@iprog-sms/better-auth: no better-auth context to key codes with')
  return secret
}

/**
 * The code ledger of message mode over a counter store.
 *
 * @example
 * ```ts
 * const ledger = createCodeLedger(store, { codeLifeMs: 300_000 })
 * await ledger.record('verify', phone, '123456', ctx)
 * await ledger.consume('verify', phone, '123456', ctx) // true, once
 * ```
 */
export function createCodeLedger(
  store: CounterStore,
  options: { codeLifeMs: number },
): { record: OtpMode['deliver']; consume: OtpMode['check'] } {
  const generationKey = (purpose: CodePurpose, phone: PhoneRef) =>
    `${KEY_PREFIX}:generation:${purpose}:${phone.raw}`
  const codeKey = async (
    purpose: CodePurpose,
    phone: PhoneRef,
    generation: number,
    code: string,
    ctx: EndpointContext | undefined,
  ) =>
    `${KEY_PREFIX}:code:${purpose}:${phone.raw}:${generation}:${await digest(secretOf(ctx), [purpose, phone.raw, String(generation), code])}`

  return {
    async record(purpose, phone, code, ctx) {
      const generation = await store.increment(generationKey(purpose, phone), GENERATION_WINDOW_MS)
      await store.increment(
        await codeKey(purpose, phone, generation.count, code, ctx),
        options.codeLifeMs,
      )
    },
    async consume(purpose, phone, code, ctx) {
      const generation = await store.get(generationKey(purpose, phone))
      if (!generation) return false
      const key = await codeKey(purpose, phone, generation.count, code, ctx)
      const hit = await store.increment(key, options.codeLifeMs)
      // 1: no such code (the increment just created the key: drop it again); 2: the recorded
      // code, spent now; more: spent earlier.
      if (hit.count <= 2) await store.delete(key)
      return hit.count === 2
    },
  }
}
