// What `pnpm size` measures for Workers: a Hono app serving the SMS routes, bundled as a user's
// Worker is (`esbuild --bundle --minify --platform=neutral`, see .size-limit.js): core's client,
// the server layer with zod, this adapter and Hono itself (no OpenAPI document: an app that
// serves one passes `openapi: createOpenApiDocument` and bundles about 8 kB more).
import { createClient } from '@iprog-sms/core'
import { smsRoutes } from '@iprog-sms/hono'
import { Hono } from 'hono'

const app = new Hono()
app.route(
  '/sms',
  smsRoutes({
    client: createClient(),
    authorize: (ctx) => ctx.headers.get('x-api-key') === 'a key from the environment',
  }),
)

export default app
