/**
 * What every conformance run stands on: the real sandbox over HTTP on an ephemeral port and a
 * real core client pointed at it. The token is a made-up value that must never show up in any
 * answer of an adapter.
 */
import { type ClientOptions, createClient, type SmsClient } from '@iprog-sms/core'
import { type Sandbox, startSandbox } from '@iprog-sms/sandbox'

/** The made-up token of the conformance runs; no response body may contain it. */
export const CONFORMANCE_TOKEN = 'tok_SECRET_conformance_5f3a9c1e7b2d4a60'

/** A running sandbox and a client on it. */
export interface ConformanceEnvironment {
  /** The sandbox's inspectors and controls (messages, OTPs, credits, faults). */
  sandbox: Sandbox
  /** Where the sandbox listens, e.g. `http://127.0.0.1:51234`. */
  sandboxUrl: string
  client: SmsClient
  close(): Promise<void>
}

/**
 * Starts the sandbox (port 0, plenty of credits) and a client on it.
 *
 * @example
 * ```ts
 * const env = await startEnvironment({ timeoutMs: 5_000 })
 * await env.client.messages.send({ to: '09171234567', message: 'hi' })
 * await env.close()
 * ```
 */
export async function startEnvironment(
  clientOptions: ClientOptions = {},
): Promise<ConformanceEnvironment> {
  const running = await startSandbox({ port: 0, tokens: { [CONFORMANCE_TOKEN]: 1_000_000 } })
  const client = createClient({
    apiToken: CONFORMANCE_TOKEN,
    baseUrl: running.url,
    // Short enough that the sandbox's `timeout` fault yields a 504 within the test's time, long
    // enough that a loaded machine never turns an ordinary answer into one.
    timeoutMs: 5_000,
    ...clientOptions,
  })
  return {
    sandbox: running.sandbox,
    sandboxUrl: running.url,
    client,
    close: () => running.close(),
  }
}
