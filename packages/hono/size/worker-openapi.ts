// The Worker of size/worker.ts serving the OpenAPI document too (`openapi: createOpenApiDocument`):
// what asking for the document costs (the generator and zod's JSON Schema conversion).
import { createClient } from '@iprog-sms/core'
import { createOpenApiDocument } from '@iprog-sms/core/server'
import { smsRoutes } from '@iprog-sms/hono'
import { Hono } from 'hono'

const app = new Hono()
app.route(
  '/sms',
  smsRoutes({
    client: createClient(),
    authorize: (ctx) => ctx.headers.get('x-api-key') === 'a key from the environment',
    openapi: createOpenApiDocument,
  }),
)

export default app
