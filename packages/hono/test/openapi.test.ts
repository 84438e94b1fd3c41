import { createClient } from '@iprog-sms/core'
import { createOpenApiDocument } from '@iprog-sms/core/server'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { smsRoutes } from '../src/index.js'

describe('smsRoutes OpenAPI document', () => {
  it('describes the mount pattern, not the request path, under /:tenant/sms', async () => {
    const client = createClient({ apiToken: 'made-up', baseUrl: 'http://127.0.0.1:9' })
    const app = new Hono()
    app.route(
      '/:tenant/sms',
      smsRoutes({
        client,
        authorize: 'public',
        openapi: createOpenApiDocument,
        logger: { warn() {}, error() {} },
      }),
    )
    const acme = await (await app.request('/acme/sms/openapi.json')).text()
    const beta = await (await app.request('/beta/sms/openapi.json')).text()
    expect(acme).toBe(beta)
    expect(acme).not.toContain('acme')
    expect(Object.keys(JSON.parse(acme).paths)).toContain('/{tenant}/sms/messages')
  })
})
