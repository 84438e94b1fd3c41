// @iprog-sms/fastify's README: the plugin, its routes and the typed fastify.sms.
import { createClient } from '@iprog-sms/core'
import iprogSms from '@iprog-sms/fastify'
import Fastify from 'fastify'
import { check, type Gateway, ROUTES_KEY } from './gateway.js'

export async function run(gateway: Gateway): Promise<void> {
  const app = Fastify()
  await app.register(iprogSms, {
    prefix: '/sms',
    client: createClient({ baseUrl: gateway.url, apiToken: gateway.token }),
    authorize: (ctx) => ctx.headers.get('x-api-key') === ROUTES_KEY,
  })
  app.post('/signup', async () => {
    const sent = await app.sms.messages.send({ to: '0917 123 4567', message: 'Welcome!' })
    return { messageId: sent.messageId }
  })
  try {
    const sent = await app.inject({
      method: 'POST',
      url: '/sms/messages',
      headers: { 'x-api-key': ROUTES_KEY },
      payload: { to: '0917 123 4567', message: 'Hi' },
    })
    check(sent.statusCode === 201 && sent.json().messageId, 'fastify: POST /sms/messages')
    const refused = await app.inject({
      method: 'POST',
      url: '/sms/messages',
      payload: { to: '0917 123 4567', message: 'Hi' },
    })
    check(refused.statusCode === 401 || refused.statusCode === 403, 'fastify: authorize refuses')
    const signup = await app.inject({ method: 'POST', url: '/signup' })
    check(signup.json().messageId, 'fastify: fastify.sms')
  } finally {
    await app.close()
  }
}
