import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { createClient, type SmsClient } from '@iprog-sms/core'
import express from 'express'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { smsClient, smsRouter } from '../src/index.js'

describe('smsClient', () => {
  it('puts the client on req.sms, typed, for the app’s own handlers', async () => {
    const client = createClient({ apiToken: 'made-up', baseUrl: 'http://127.0.0.1:9' })
    const app = express()
    app.use(smsClient(client))
    app.get('/check', (req, res) => {
      expectTypeOf(req.sms).toEqualTypeOf<SmsClient>()
      res.json({ same: req.sms === client })
    })
    const server = app.listen(0, '127.0.0.1')
    await once(server, 'listening')
    try {
      const { port } = server.address() as AddressInfo
      const response = await fetch(`http://127.0.0.1:${port}/check`)
      expect(await response.json()).toEqual({ same: true })
    } finally {
      server.close()
    }
  })
})

describe('smsRouter', () => {
  it('throws at setup without authorize, naming the routes and the opt-out', () => {
    const client = createClient({ apiToken: 'made-up', baseUrl: 'http://127.0.0.1:9' })
    expect(() => smsRouter({ client })).toThrow(/messages\.send.*authorize: 'public'/s)
  })
})
