/**
 * Starts the tRPC clinic: `pnpm --filter @iprog-sms/trpc-app start`
 * Settings: PORT, IPROG_SMS_API_TOKEN, SMS_ROUTES_KEY (see README.md).
 */
import { banner, startupFailure, stopOnSignals } from '@iprog-sms/clinic-shared'
import { startApp } from './app.js'

try {
  const app = await startApp()
  const facts = { url: app.url, sandboxUrl: app.sandbox?.url, config: app.config }
  console.log(banner({ framework: 'tRPC', api: 'trpc', ...facts }))
  stopOnSignals(app.close)
} catch (error) {
  console.error(startupFailure(error) ?? error)
  process.exit(1)
}
