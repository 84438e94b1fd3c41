import { createClient, type SmsClient } from '@iprog-sms/core'
import { Hono } from 'hono'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { type SmsVariables, smsClient } from '../src/index.js'

describe('smsClient', () => {
  it('sets c.var.sms, typed through the middleware', async () => {
    const client = createClient({ apiToken: 'made-up', baseUrl: 'http://127.0.0.1:9' })
    const app = new Hono<{ Variables: SmsVariables }>()
    app.use(smsClient(client))
    app.get('/check', (c) => {
      expectTypeOf(c.var.sms).toEqualTypeOf<SmsClient>()
      return c.json({ same: c.var.sms === client })
    })
    const response = await app.request('/check')
    expect(await response.json()).toEqual({ same: true })
  })

  it('types c.var.sms from the middleware alone, without declaring Variables', () => {
    const client = createClient({ apiToken: 'made-up', baseUrl: 'http://127.0.0.1:9' })
    new Hono().get('/x', smsClient(client), (c) => {
      expectTypeOf(c.var.sms).toEqualTypeOf<SmsClient>()
      return c.text('ok')
    })
  })
})
