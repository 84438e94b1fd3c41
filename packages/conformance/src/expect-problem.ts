/**
 * The shape every error answer must have, REST or tRPC: the status, the problem+json content
 * type and the RFC 9457 fields.
 */
import { expect } from 'vitest'

/**
 * Asserts `outcome` is a problem details answer with `status`.
 *
 * @example
 * ```ts
 * expectProblem(await driver.call('messages.send', {}), 400)
 * ```
 */
export function expectProblem(
  outcome: { status: number; headers: Headers; body: unknown },
  status: number,
) {
  expect(outcome.status).toBe(status)
  expect(outcome.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  expect(outcome.body).toMatchObject({
    status,
    type: expect.any(String),
    title: expect.any(String),
  })
}
