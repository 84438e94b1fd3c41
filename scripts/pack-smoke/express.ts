// @iprog-sms/express's README: smsClient (req.sms) and smsRouter on an existing app.
import type { AddressInfo } from 'node:net'
import { createClient } from '@iprog-sms/core'
import { smsClient, smsRouter } from '@iprog-sms/express'
import express from 'express'
import { body, check, type Gateway, ROUTES_KEY } from './gateway.js'

export async function run(gateway: Gateway): Promise<void> {
  const app = express()
  const client = createClient({ baseUrl: gateway.url, apiToken: gateway.token })
  app.use(smsClient(client))
  app.use(
    '/sms',
    smsRouter({
      client,
      authorize: (ctx) => ctx.headers.get('x-api-key') === ROUTES_KEY,
      openapi: true,
    }),
  )
  app.get('/balance', async (req, res) => {
    res.json(await req.sms.account.credits())
  })
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  try {
    const post = (text: string, key = ROUTES_KEY) =>
      fetch(`${base}/sms/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key },
        body: text,
      })
    const sent = await post(JSON.stringify({ to: '0917 123 4567', message: 'Hi' }))
    const answer = await body(sent)
    check(
      sent.status === 201 && answer.messageId,
      `express: POST /sms/messages ${sent.status} ${JSON.stringify(answer)}`,
    )
    const refused = await post(JSON.stringify({ to: '0917 123 4567', message: 'Hi' }), 'wrong')
    check(refused.status === 401 || refused.status === 403, 'express: authorize refuses')
    const bad = await post('{"to":')
    check(bad.status === 400, `express: a bad body is a 400 problem (got ${bad.status})`)
    check((await fetch(`${base}/sms/openapi.json`)).ok, 'express: openapi.json')
    check(
      typeof (await body(await fetch(`${base}/balance`))).balance === 'number',
      'express: req.sms',
    )
  } finally {
    await new Promise((resolve) => server.close(resolve))
  }
}
