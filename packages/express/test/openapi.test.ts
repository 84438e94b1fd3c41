import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { createClient } from '@iprog-sms/core'
import express from 'express'
import { describe, expect, it } from 'vitest'
import { smsRouter } from '../src/index.js'

describe('smsRouter OpenAPI document', () => {
  it('is one document for every tenant under /:tenant/sms, naming the routes it serves', async () => {
    const client = createClient({ apiToken: 'made-up', baseUrl: 'http://127.0.0.1:9' })
    const app = express()
    const logger = { warn() {}, error() {} }
    app.use('/:tenant/sms', smsRouter({ client, authorize: 'public', openapi: true, logger }))
    const server = app.listen(0, '127.0.0.1')
    await once(server, 'listening')
    try {
      const { port } = server.address() as AddressInfo
      const documentUrl = (tenant: string) => `http://127.0.0.1:${port}/${tenant}/sms/openapi.json`
      const acme = await (await fetch(documentUrl('acme'))).text()
      const beta = await (await fetch(documentUrl('beta'))).text()
      expect(acme).toBe(beta)
      expect(acme).not.toContain('acme')
      // The server URL resolves against the document's URL to the tenant's own mount.
      const document = JSON.parse(acme) as { servers: { url: string }[]; paths: object }
      const mount = new URL(document.servers[0]?.url ?? '', documentUrl('acme')).href
      expect(`${mount.replace(/\/$/, '')}/segments`).toBe(
        `http://127.0.0.1:${port}/acme/sms/segments`,
      )
      expect(Object.keys(document.paths)).toContain('/segments')
      const segments = await fetch(`${mount.replace(/\/$/, '')}/segments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'hello' }),
      })
      expect(segments.status).toBe(200)
    } finally {
      server.close()
    }
  })
})
