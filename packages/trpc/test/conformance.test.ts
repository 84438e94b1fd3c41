import {
  CONFORMANCE_KEY,
  type ConformanceEnvironment,
  describeOperationScenarios,
  expectNoLeaks,
  MAX_BULK,
  recordingLogger,
  type ScenarioContext,
  startEnvironment,
} from '@iprog-sms/conformance'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  buildRouter,
  createTrpcDriver,
  type StartedTrpcApp,
  startTrpcApp,
  type TrpcDriver,
} from './trpc-app.js'

describe('trpc router over @trpc/client and the standalone adapter', () => {
  let env: ConformanceEnvironment
  let app: StartedTrpcApp
  let driver: TrpcDriver
  const logger = recordingLogger()
  const context = {} as ScenarioContext

  beforeAll(async () => {
    env = await startEnvironment()
    app = await startTrpcApp(
      buildRouter(CONFORMANCE_KEY, {
        client: env.client,
        maxBulkRecipients: MAX_BULK,
        // The words describeAdapter configures; the scenarios check the SMS carries them.
        otp: { message: 'Your conformance code is :otp' },
        logger,
      }),
    )
    driver = createTrpcDriver(app.url)
    context.driver = driver
    context.env = env
  })
  afterAll(async () => {
    await app?.close()
    await env?.close()
  })

  describeOperationScenarios(() => context)

  it('never puts the token or a stack in any answer or log line', () => {
    expectNoLeaks(driver.texts, logger.lines)
  })

  it("does not log a 'public' warning: the app's procedure is the authorization", () => {
    expect(logger.warnings).toEqual([])
  })
})
