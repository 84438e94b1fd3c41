import { describe, expect, it } from 'vitest'
import { createOpenApiDocument } from './openapi.js'
import { createOperations } from './operations.js'

const operations = createOperations({ maxBulkRecipients: 50 })
const document = createOpenApiDocument(operations, { prefix: '/sms/' })
// biome-ignore lint/suspicious/noExplicitAny: walking a JSON document
const op = (path: string, method: string): any => document.paths[path]?.[method]

describe('createOpenApiDocument', () => {
  it('has one path per operation route under the prefix', () => {
    const routes = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    )
    expect(routes).toHaveLength(operations.length)
    expect(routes).toContain('PATCH /sms/reminders/{id}')
  })

  it('takes body schemas from zod, path parameters out of the body', () => {
    const send = op('/sms/messages', 'post')
    const schema = send.requestBody.content['application/json'].schema
    expect(schema.required).toEqual(['to', 'message'])
    expect(schema.$schema).toBeUndefined()
    const bulk = op('/sms/messages/bulk', 'post').requestBody.content['application/json'].schema
    expect(bulk.properties.to.maxItems).toBe(50)
    const update = op('/sms/reminders/{id}', 'patch')
    expect(update.parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
    ])
    expect(update.requestBody.content['application/json'].schema.properties.id).toBeUndefined()
  })

  it('marks paid operations as secured and OTP ones as public with 429', () => {
    expect(op('/sms/messages', 'post').security).toEqual([{ smsAuthorize: [] }])
    const otp = op('/sms/otp/verify', 'post')
    expect(otp.security).toEqual([])
    expect(Object.keys(otp.responses)).toEqual(expect.arrayContaining(['422', '429']))
    expect(otp.responses['429'].content['application/problem+json']).toBeDefined()
  })

  it('says which operations spend credits', () => {
    expect(op('/sms/messages', 'post')['x-spends-credits']).toBe(true)
    expect(op('/sms/segments', 'post')['x-spends-credits']).toBe(false)
    expect(op('/sms/credits', 'get')['x-spends-credits']).toBe(false)
  })
})

describe('createOpenApiDocument with a queue', () => {
  const withQueue = createOpenApiDocument(
    createOperations({ maxBulkRecipients: 50, withQueue: true }),
    {
      prefix: '/sms',
    },
  )
  // biome-ignore lint/suspicious/noExplicitAny: walking a JSON document
  const route = (path: string, method: string): any => withQueue.paths[path]?.[method]

  it('lists POST /batches (202 with a Location) and GET /batches/{id} (404 when unknown)', () => {
    expect(document.paths['/sms/batches']).toBeUndefined()
    const create = route('/sms/batches', 'post')
    expect(create.responses['202'].headers.Location).toBeDefined()
    expect(create.responses['401']).toBeDefined()
    expect(create.responses['502']).toBeUndefined()
    expect(create.requestBody.content['application/json'].schema.required).toEqual([
      'to',
      'message',
    ])
    const get = route('/sms/batches/{id}', 'get')
    expect(get.responses['200']).toBeDefined()
    expect(get.responses['404']).toBeDefined()
    expect(get.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path' })])
  })
})
