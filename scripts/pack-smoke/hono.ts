// @iprog-sms/hono's README: smsClient (c.var.sms) and smsRoutes on an existing app.
import { createClient } from '@iprog-sms/core'
import { createOpenApiDocument } from '@iprog-sms/core/server'
import { type SmsVariables, smsClient, smsRoutes } from '@iprog-sms/hono'
import { Hono } from 'hono'
import { body, check, type Gateway, ROUTES_KEY } from './gateway.js'

export async function run(gateway: Gateway): Promise<void> {
  const app = new Hono<{ Variables: SmsVariables }>()
  const client = createClient({ baseUrl: gateway.url, apiToken: gateway.token })
  app.use(smsClient(client))
  app.route(
    '/sms',
    smsRoutes({
      client,
      authorize: (ctx) => ctx.headers.get('x-api-key') === ROUTES_KEY,
      openapi: createOpenApiDocument,
    }),
  )
  app.get('/balance', async (c) => c.json(await c.var.sms.account.credits()))
  const sent = await app.request('/sms/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': ROUTES_KEY },
    body: JSON.stringify({ to: '0917 123 4567', message: 'Hi' }),
  })
  check(sent.status === 201 && (await body(sent)).messageId, 'hono: POST /sms/messages')
  const refused = await app.request('/sms/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ to: '0917 123 4567', message: 'Hi' }),
  })
  check(refused.status === 401 || refused.status === 403, 'hono: authorize refuses')
  check((await app.request('/sms/openapi.json')).ok, 'hono: openapi.json')
  const balance = await body(await app.request('/balance'))
  check(typeof balance.balance === 'number', 'hono: c.var.sms')
}
