import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { connect } from 'node:net'
import { serve } from '@hono/node-server'
import { createClient } from '@iprog-sms/core'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { smsRoutes } from '../src/index.js'

let server: ReturnType<typeof serve>
let port: number

beforeAll(async () => {
  const client = createClient({ apiToken: 'made-up', baseUrl: 'http://127.0.0.1:9' })
  const app = new Hono()
  app.route('/sms', smsRoutes({ client, authorize: 'public', logger: { warn() {}, error() {} } }))
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await once(server, 'listening')
  port = (server.address() as AddressInfo).port
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

// Everything the server writes on one socket until it closes it, and whether it was closed.
async function rawExchange(request: Buffer): Promise<string> {
  const socket = connect(port, '127.0.0.1')
  const chunks: Buffer[] = []
  socket.on('data', (chunk: Buffer) => chunks.push(chunk))
  socket.on('error', () => {})
  socket.write(request)
  await once(socket, 'close')
  return Buffer.concat(chunks).toString('latin1')
}

describe('an answer sent before the body was read', () => {
  it('says Connection: close on a 413, as the socket is dropped with the unread body', async () => {
    const body = Buffer.alloc(1_000_000, 'x')
    const head =
      'POST /sms/segments HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${body.length}\r\n\r\n`
    const next = 'GET /sms/segments HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'
    const answer = await rawExchange(Buffer.concat([Buffer.from(head), body, Buffer.from(next)]))
    const first = answer.slice(0, answer.indexOf('\r\n\r\n')).toLowerCase()
    expect(first).toMatch(/^http\/1\.1 413/)
    expect(first).toContain('connection: close')
  })

  it('keeps the connection of a request whose body was read', async () => {
    const body = JSON.stringify({ text: 'hello' })
    const request =
      'POST /sms/segments HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`
    const answer = (await rawExchange(Buffer.from(request))).toLowerCase()
    expect(answer).toMatch(/^http\/1\.1 200/)
  })
})
