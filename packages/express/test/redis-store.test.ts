import { once } from 'node:events'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { connectTestRedis } from '@iprog-sms/conformance'
import { createClient } from '@iprog-sms/core'
import { type CounterStore, createMemoryStore, createRedisStore } from '@iprog-sms/core/server'
import { type RunningSandbox, startSandbox } from '@iprog-sms/sandbox'
import express from 'express'
import type { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { smsRouter } from '../src/index.js'

// Two "servers" behind one load balancer: separate Express apps, separate Redis connections,
// one Redis. The OTP cooldown must hold across them, or an attacker alternating instances
// doubles every limit.
const PREFIX = `iprog-sms-test:express:${process.pid}-${Date.now()}:`

let sandbox: RunningSandbox
const connections: Redis[] = []
const servers: Server[] = []

async function startInstance(store: CounterStore): Promise<string> {
  const client = createClient({ apiToken: 'sandbox-token', baseUrl: sandbox.url })
  const app = express()
  app.use('/sms', smsRouter({ client, authorize: () => false, store }))
  const server = app.listen(0, '127.0.0.1')
  servers.push(server)
  await once(server, 'listening')
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`
}

function sendOtp(baseUrl: string, to: string): Promise<Response> {
  return fetch(`${baseUrl}/otp/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ to }),
  })
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
  connections.push(
    await connectTestRedis('The shared-limits test'),
    await connectTestRedis('The shared-limits test'),
  )
})

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections()
    server.close()
  }
  await sandbox?.close()
  const [first] = connections
  if (first?.status === 'ready') {
    const keys = await first.keys(`${PREFIX}*`)
    if (keys.length > 0) await first.del(keys)
  }
  for (const redis of connections) {
    if (redis.status === 'ready') await redis.quit()
    else redis.disconnect()
  }
})

describe('two instances sharing a Redis store', () => {
  it('enforce one OTP cooldown: the second instance refuses with 429 and Retry-After', async () => {
    const [one, two] = connections as [Redis, Redis]
    const first = await startInstance(createRedisStore(one, { prefix: PREFIX }))
    const second = await startInstance(createRedisStore(two, { prefix: PREFIX }))

    const sent = await sendOtp(first, '09171230001')
    expect(sent.status).toBe(201)
    const refused = await sendOtp(second, '+63 917 123 0001')
    expect(refused.status).toBe(429)
    expect(await refused.json()).toMatchObject({ code: 'rate_limited' })
    const retryAfter = Number(refused.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(60)
    expect(sandbox.sandbox.otps({ to: '09171230001' })).toHaveLength(1)
  })

  it('(contrast) with a memory store each, the second instance sends again', async () => {
    const first = await startInstance(createMemoryStore())
    const second = await startInstance(createMemoryStore())
    expect((await sendOtp(first, '09171230002')).status).toBe(201)
    expect((await sendOtp(second, '09171230002')).status).toBe(201)
    expect(sandbox.sandbox.otps({ to: '09171230002' })).toHaveLength(2)
  })
})
