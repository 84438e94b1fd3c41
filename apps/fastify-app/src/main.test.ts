import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningApp, startApp } from './main.js'

describe('the Fastify example app', () => {
  let app: RunningApp

  beforeAll(async () => {
    app = await startApp({ port: 0, env: {} })
  })
  afterAll(() => app?.close())

  it('sends an SMS through /sms to the in-process sandbox', async () => {
    const response = await fetch(`${app.url}/sms/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': app.apiKey },
      body: JSON.stringify({ to: '0917 123 4567', message: 'Hello from the example' }),
    })
    expect(response.status).toBe(201)
    const sent = await response.json()
    expect(app.sandbox?.sandbox.messages({ to: '639171234567' }).map((m) => m.id)).toEqual([
      sent.messageId,
    ])
  })

  it('sends through app.sms in its own route', async () => {
    const response = await fetch(`${app.url}/welcome`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': app.apiKey },
      body: JSON.stringify({ to: '0918 765 4321' }),
    })
    expect(response.status).toBe(201)
    expect(app.sandbox?.sandbox.messages({ to: '639187654321' })).toHaveLength(1)
  })

  it('refuses the paid routes without the key', async () => {
    const response = await fetch(`${app.url}/sms/credits`)
    expect(response.status).toBe(403)
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  })
})
