// The promise of the queue, checked against what the sandbox actually captured.
import type { SmsOutcome, SmsOutcomeState } from '@iprog-sms/core/queue'
import type { SandboxMessage } from '@iprog-sms/sandbox'

export type StateCounts = Record<SmsOutcomeState, number>

/**
 * For outcomes of distinct numbers: each is final; `sent` ⇒ exactly one captured message with
 * its messageId, to its number; `failed` ⇒ none to its number; `unknown` ⇒ at most one; no
 * number got two. Gives the counts of each state, or throws listing every breach.
 */
export function checkInvariants(
  outcomes: readonly SmsOutcome[],
  captured: readonly SandboxMessage[],
): StateCounts {
  const byNumber = new Map<string, SandboxMessage[]>()
  for (const message of captured) {
    const list = byNumber.get(message.to) ?? []
    list.push(message)
    byNumber.set(message.to, list)
  }
  const counts: StateCounts = { queued: 0, sending: 0, sent: 0, failed: 0, unknown: 0 }
  const breaches: string[] = []
  const seen = new Set<string>()
  for (const outcome of outcomes) {
    counts[outcome.state]++
    if (seen.has(outcome.to)) breaches.push(`${outcome.to}: two outcomes`)
    seen.add(outcome.to)
    const got = byNumber.get(outcome.to) ?? []
    if (got.length > 1) breaches.push(`${outcome.key}: ${got.length} messages`)
    if (outcome.state === 'sent') {
      if (got.length !== 1 || got[0]!.id !== outcome.messageId) {
        breaches.push(
          `${outcome.key}: sent as ${outcome.messageId}, captured ${got.map((m) => m.id)}`,
        )
      }
    } else if (outcome.state === 'failed') {
      if (got.length !== 0) breaches.push(`${outcome.key}: failed, but captured ${got.length}`)
    } else if (outcome.state !== 'unknown') {
      breaches.push(`${outcome.key}: not final (${outcome.state})`)
    }
  }
  if (breaches.length > 0) {
    throw new Error(`${breaches.length} breaches:\n${breaches.slice(0, 20).join('\n')}`)
  }
  return counts
}

/** Every outcome of a batch, through the async iterator. */
export async function collect(iterable: AsyncIterable<SmsOutcome>): Promise<SmsOutcome[]> {
  const all: SmsOutcome[] = []
  for await (const outcome of iterable) all.push(outcome)
  return all
}

/** `count` distinct valid PH mobile numbers, in the `09…` form, from `639{start}…`. */
export function numbers(count: number, start = 170_000_000): string[] {
  return Array.from({ length: count }, (_, i) => `09${String(start + i).padStart(9, '0')}`)
}
