/**
 * What most families stand on: a real sandbox on port 0 holding the run's token, a client of
 * the checkout pointed at it, a log capture, and service options with the app's auth.
 */
import { allowKeyOrCookie, authorizeBy } from './apps.mjs'
import { createLogCapture, leakCounter } from './leaks.mjs'

/** The made-up token of the run: no answer, error or log line may hold it. */
export const TOKEN = 'tok_SECRET_attack_7c1e9a3f5b2d4e60'

/**
 * @example
 * ```js
 * const env = await startEnvironment(co)
 * const apps = await startAll(co, () => env.serviceOptions())
 * await env.close()
 * ```
 */
export async function startEnvironment(co, { sandboxOptions = {}, clientOptions = {} } = {}) {
  const running = await co.sandbox.startSandbox({
    port: 0,
    tokens: { [TOKEN]: 1_000_000_000 },
    ...sandboxOptions,
  })
  const logs = createLogCapture()
  const client = co.core.createClient({
    apiToken: TOKEN,
    baseUrl: running.url,
    timeoutMs: 5_000,
    retry: { retries: 1, baseDelayMs: 10, maxDelayMs: 50 },
    ...clientOptions,
  })
  return {
    running,
    sandbox: running.sandbox,
    client,
    logs,
    leaks: leakCounter(TOKEN),
    serviceOptions: (extra = {}) => ({
      client,
      authorize: authorizeBy(allowKeyOrCookie),
      logger: logs.logger,
      ...extra,
    }),
    close: () => running.close(),
  }
}

/** Limits high enough that a fuzz run reaches validation and the gateway, not a 429. */
export const OPEN_OTP_LIMITS = {
  cooldownSeconds: 0,
  maxSendsPerPhonePerHour: 1e9,
  maxSendsPerPhonePerDay: 1e9,
  maxSendsPerIpPerHour: 1e9,
  maxVerifyAttempts: 1e9,
  maxVerifiesPerIpPerHour: 1e9,
}

/** A row of the table; see table.mjs for what each count means. */
export function row(id, attack, counts, values) {
  return {
    id,
    attack,
    counts,
    requests: values.requests ?? null,
    fivexx: values.fivexx ?? null,
    leaks: values.leaks ?? null,
    bypasses: values.bypasses ?? null,
    figure: values.figure ?? null,
    note: values.note ?? '',
  }
}
