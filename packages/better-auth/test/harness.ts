/**
 * A real better-auth instance (memory adapter) with the phone-number plugin on
 * `iprogPhoneNumber`, served over node:http on an ephemeral port, sending through a real sandbox
 * over HTTP; driven by better-auth's own client with `phoneNumberClient`.
 */
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createClient } from '@iprog-sms/core'
import { type CounterStore, createMemoryStore } from '@iprog-sms/core/server'
import { type RunningSandbox, startSandbox } from '@iprog-sms/sandbox'
import { betterAuth } from 'better-auth'
import { memoryAdapter } from 'better-auth/adapters/memory'
import { createAuthClient } from 'better-auth/client'
import { phoneNumberClient } from 'better-auth/client/plugins'
import { toNodeHandler } from 'better-auth/node'
import { phoneNumber } from 'better-auth/plugins'
import {
  canonicalPhoneNumbers,
  type IprogPhoneNumberOptions,
  iprogPhoneNumber,
} from '../src/index.js'

export const TOKEN = 'better-auth-test-token'

/** The better-auth functions the harness uses, so one suite runs on two installed versions. */
export interface BetterAuthModules {
  betterAuth: typeof betterAuth
  memoryAdapter: typeof memoryAdapter
  createAuthClient: typeof createAuthClient
  phoneNumberClient: typeof phoneNumberClient
  toNodeHandler: typeof toNodeHandler
  phoneNumber: typeof phoneNumber
}

const INSTALLED: BetterAuthModules = {
  betterAuth,
  memoryAdapter,
  createAuthClient,
  phoneNumberClient,
  toNodeHandler,
  phoneNumber,
}

export interface HarnessOptions extends Partial<Omit<IprogPhoneNumberOptions, 'client'>> {
  /** Another installed better-auth (the peer range's floor). Default: the devDependency. */
  modules?: BetterAuthModules
  /** Add `canonicalPhoneNumbers()` beside the phone-number plugin. */
  canonical?: boolean
  /** Reuse a running sandbox (several auth instances on one gateway). */
  sandbox?: RunningSandbox
}

export async function startAuth(options: HarnessOptions = {}) {
  const { canonical, sandbox: shared, modules = INSTALLED, ...pluginOptions } = options
  const {
    betterAuth,
    memoryAdapter,
    createAuthClient,
    phoneNumberClient,
    toNodeHandler,
    phoneNumber,
  } = modules
  const gateway = shared ?? (await startSandbox({ port: 0, tokens: { [TOKEN]: 10_000 } }))
  const client = createClient({ apiToken: TOKEN, baseUrl: gateway.url })
  // The guard's windows run on this clock, so a test moves past a cooldown without waiting.
  let now = Date.now()
  const store: CounterStore = pluginOptions.store ?? createMemoryStore({ now: () => now })
  const db = { user: [], session: [], account: [], verification: [] }
  const logs: unknown[][] = []
  const record = (...args: unknown[]) => {
    logs.push(args)
  }

  let handler: ReturnType<typeof toNodeHandler> | undefined
  const server = createServer((req, res) => handler?.(req, res))
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const auth = betterAuth({
    baseURL,
    secret: 'a-test-secret-that-is-long-enough-for-better-auth',
    database: memoryAdapter(db),
    emailAndPassword: { enabled: true },
    // better-auth's own limiter (10 per minute per path) would hide the guard's answers.
    rateLimit: { enabled: false },
    logger: { level: 'debug', log: (level, message, ...args) => record(level, message, ...args) },
    plugins: [
      phoneNumber(
        iprogPhoneNumber({
          client,
          store,
          signUpOnVerification: {
            getTempEmail: (phone) => `${phone.replace('+', '')}@phone.example`,
          },
          ...pluginOptions,
        }),
      ),
      ...(canonical ? [canonicalPhoneNumbers()] : []),
    ],
  })
  handler = toNodeHandler(auth)

  const authClient = createAuthClient({ baseURL, plugins: [phoneNumberClient()] })

  return {
    auth,
    authClient,
    baseURL,
    db,
    logs,
    store,
    client,
    /** Moves the OTP limits' clock (not the sandbox's) forward. */
    advance(ms: number) {
      now += ms
    },
    gateway,
    sandbox: gateway.sandbox,
    /** The latest code the sandbox shows for `to`: the SMS text (message mode) or the OTP. */
    lastCode(to: string): string {
      const mode = pluginOptions.mode ?? 'message'
      if (mode === 'gateway') {
        const otp = gateway.sandbox.otps({ to }).at(-1)
        if (!otp) throw new Error(`no OTP for ${to}`)
        return otp.code
      }
      const text = gateway.sandbox.messages({ to }).at(-1)?.message ?? ''
      const code = /\d{4,10}/.exec(text)?.[0]
      if (!code) throw new Error(`no code in the last SMS to ${to}: ${text}`)
      return code
    },
    messagesTo(to: string) {
      return gateway.sandbox.messages({ to })
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      if (!shared) await gateway.close()
    },
  }
}

export type AuthHarness = Awaited<ReturnType<typeof startAuth>>

/** A code of the configured length that is not `code`. */
export function wrongCode(code: string): string {
  return code.replace(/^./, (d) => String((Number(d) + 1) % 10))
}
