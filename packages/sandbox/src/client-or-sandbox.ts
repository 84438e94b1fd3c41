import { type ClientOptions, createClient, type SmsClient } from '@iprog-sms/core'
import { DEFAULT_TOKEN } from './options.js'
import { type RunningSandbox, startSandbox } from './serve/node-server.js'

export interface ClientOrSandboxOptions {
  /** Where `IPROG_SMS_API_TOKEN` is read. Default `process.env`. */
  env?: Record<string, string | undefined>
  /** Port of the in-process sandbox. Default 0 (a free port). */
  port?: number
  /** More client options (timeouts, hooks, smart encoding...); token and base URL are set here. */
  clientOptions?: Omit<ClientOptions, 'apiToken' | 'baseUrl'>
}

export interface ClientOrSandbox {
  client: SmsClient
  /** The in-process sandbox, when no real token was set; its inbox is at `sandbox.url`. */
  sandbox: RunningSandbox | undefined
  /** Stops the sandbox, if one was started. */
  close(): Promise<void>
}

/**
 * The embedded default for apps and examples: a client for the real gateway when
 * `IPROG_SMS_API_TOKEN` is set, otherwise a sandbox started in-process and a client pointed
 * at it, so a newcomer sees SMS arrive in the inbox with no account and nothing spent.
 *
 * @example
 * ```ts
 * const { client, sandbox } = await clientOrSandbox()
 * if (sandbox) console.log(`No token set: SMS go to the inbox at ${sandbox.url}/`)
 * ```
 */
export async function clientOrSandbox(
  options: ClientOrSandboxOptions = {},
): Promise<ClientOrSandbox> {
  const env = options.env ?? (typeof process === 'undefined' ? {} : process.env)
  const token = env['IPROG_SMS_API_TOKEN']?.trim()
  if (token) {
    const client = createClient({
      ...options.clientOptions,
      apiToken: token,
      baseUrl: env['IPROG_SMS_BASE_URL'],
    })
    return { client, sandbox: undefined, close: async () => {} }
  }
  const sandbox = await startSandbox({ port: options.port ?? 0 })
  const client = createClient({
    ...options.clientOptions,
    apiToken: DEFAULT_TOKEN,
    baseUrl: sandbox.url,
  })
  return { client, sandbox, close: () => sandbox.close() }
}
