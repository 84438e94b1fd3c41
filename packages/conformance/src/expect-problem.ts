/**
 * The shape every error answer must have, REST or tRPC: the status, the problem+json content
 * type and the RFC 9457 fields.
 */
import { expect } from 'vitest'

/**
 * Asserts `outcome` is a problem details answer with `status`. A 4xx is a refusal before any
 * gateway call (or the gateway's well-formed one), so it must say `maybeDelivered: false`: a
 * caller may resend it safely.
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
  // 499 (cancelled) says what the client's abort knew, before or after the request left. An
  // app's own middleware (a tRPC procedure refusing) answers no SMS problem to check.
  const smsProblem = String((outcome.body as { type?: unknown }).type).startsWith('urn:iprog-sms:')
  if (smsProblem && status >= 400 && status < 500 && status !== 499) {
    expect(outcome.body).toMatchObject({ maybeDelivered: false })
  }
}
