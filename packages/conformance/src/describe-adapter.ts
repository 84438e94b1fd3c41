/**
 * `describeAdapter(name, start)`: the one suite every REST adapter runs, over real HTTP on
 * ephemeral ports, against the real sandbox through the real client. Adapters provide only
 * `start`, which mounts their routes under a prefix in a fresh app with the given options.
 */
import { createSmsQueue, type SmsQueue } from '@iprog-sms/core/queue'
import { createOpenApiDocument, type SmsServiceOptions } from '@iprog-sms/core/server'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { describeBatchScenarios } from './batch-scenarios.js'
import { type ConformanceEnvironment, startEnvironment } from './environment.js'
import { expectNoLeaks } from './leak-check.js'
import { describeOperationScenarios, type ScenarioContext } from './operation-scenarios.js'
import { recordingLogger } from './recording-logger.js'
import { createRestDriver, type RestDriver } from './rest-driver.js'
import { describeRestScenarios } from './rest-scenarios.js'
import { CONFORMANCE_KEY, MAX_BULK } from './scenarios.js'

/** What `start` gets: mount the routes with exactly these options under `prefix`. */
export interface AdapterStartContext {
  options: SmsServiceOptions
  /** E.g. `'/sms'`. */
  prefix: string
  /** The app parses JSON bodies itself before the SMS routes (Express: `app.use(express.json())`). */
  preParsedBody: boolean
}

/** A running app: `baseUrl` is origin plus prefix, e.g. `http://127.0.0.1:51234/sms`. */
export interface StartedAdapter {
  baseUrl: string
  close(): Promise<void>
}

/** Starts an app on port 0 with the adapter mounted under `context.prefix`. */
export type StartAdapter = (context: AdapterStartContext) => Promise<StartedAdapter>

export interface AdapterFeatures {
  /** Also run everything with an app that parsed the body before the router. */
  preParsedBody?: boolean
}

/**
 * Registers the adapter suite.
 *
 * @example
 * ```ts
 * describeAdapter('express', async ({ options, prefix, preParsedBody }) => {
 *   const app = express()
 *   if (preParsedBody) app.use(express.json())
 *   app.use(prefix, smsRouter(options))
 *   const server = app.listen(0)
 *   await once(server, 'listening')
 *   return { baseUrl: `http://127.0.0.1:${port(server)}${prefix}`, close: () => close(server) }
 * }, { preParsedBody: true })
 * ```
 */
export function describeAdapter(
  name: string,
  start: StartAdapter,
  features: AdapterFeatures = {},
): void {
  const variants = features.preParsedBody ? [false, true] : [false]
  for (const preParsedBody of variants) {
    const title = preParsedBody
      ? `${name} adapter, body parsed by the app first`
      : `${name} adapter`
    describe(title, () => {
      let env: ConformanceEnvironment
      let app: StartedAdapter
      let driver: RestDriver
      const logger = recordingLogger()
      const context = {} as ScenarioContext
      let queue: SmsQueue | undefined

      beforeAll(async () => {
        env = await startEnvironment()
        queue = createSmsQueue({ client: env.client, ratePerSecond: 1000 })
        app = await start({
          prefix: '/sms',
          preParsedBody,
          options: {
            client: env.client,
            authorize: (ctx) => ctx.headers.get('x-api-key') === CONFORMANCE_KEY,
            maxBulkRecipients: MAX_BULK,
            otp: { message: 'Your conformance code is :otp' },
            openapi: createOpenApiDocument,
            queue,
            logger,
          },
        })
        driver = createRestDriver(app.baseUrl)
        context.driver = driver
        context.env = env
      })
      afterAll(async () => {
        await app?.close()
        await queue?.close()
        await env?.close()
      })

      describeOperationScenarios(() => context)
      describeRestScenarios(() => ({ driver, env, start, preParsedBody }))
      if (!preParsedBody) describeBatchScenarios(() => ({ driver, env, start }))

      it('never puts the token or a stack in any answer or log line', () => {
        expectNoLeaks(
          driver.outcomes.map((outcome) => outcome.text),
          logger.lines,
        )
      })
    })
  }
}
