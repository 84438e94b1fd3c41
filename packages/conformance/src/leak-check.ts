/**
 * The check every suite ends with: no answer and no log line carries the token, and no answer
 * carries a stack trace (raw, or escaped inside a JSON string).
 */
import { expect } from 'vitest'
import { CONFORMANCE_TOKEN } from './environment.js'

/**
 * Asserts that none of `answers` (raw response texts) nor `logLines` leaks the token or a stack.
 * `answers` must hold more than 30 texts, so an empty recording cannot pass.
 *
 * @example
 * ```ts
 * expectNoLeaks(driver.outcomes.map((o) => o.text), logger.lines)
 * ```
 */
export function expectNoLeaks(answers: readonly string[], logLines: readonly string[]): void {
  expect(answers.length).toBeGreaterThan(30)
  for (const text of answers) {
    expect(text).not.toContain(CONFORMANCE_TOKEN)
    expect(text).not.toMatch(/\n\s+at /)
    expect(text).not.toMatch(/\\n\s+at /)
  }
  for (const line of logLines) expect(line).not.toContain(CONFORMANCE_TOKEN)
}
