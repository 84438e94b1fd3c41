/**
 * Two better-auth instances behind one load balancer: separate servers, separate Redis
 * connections, one Redis. A number limited on one must be limited on the other, or alternating
 * instances multiplies every limit; a code sent by one verifies on the other (message mode keys
 * its ledger in the shared store under the shared better-auth secret).
 */

import { connectTestRedis, deletePrefix, testPrefix } from '@iprog-sms/conformance'
import { createRedisStore } from '@iprog-sms/core/server'
import { type RunningSandbox, startSandbox } from '@iprog-sms/sandbox'
import type { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AuthHarness, startAuth, TOKEN } from './harness.js'

const PREFIX = testPrefix('better-auth')

let gateway: RunningSandbox
const connections: Redis[] = []
const instances: AuthHarness[] = []

beforeAll(async () => {
  gateway = await startSandbox({ port: 0, tokens: { [TOKEN]: 1000 } })
})

afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.close()))
  const [first] = connections
  if (first) await deletePrefix(first, PREFIX)
  await Promise.all(connections.map((connection) => connection.quit()))
  await gateway?.close()
})

async function instance(mode: 'message' | 'gateway'): Promise<AuthHarness> {
  const redis = await connectTestRedis('The shared-store better-auth test')
  connections.push(redis)
  const started = await startAuth({
    mode,
    sandbox: gateway,
    store: createRedisStore(redis, { prefix: `${PREFIX}:${mode}:` }),
  })
  instances.push(started)
  return started
}

describe.each(['message', 'gateway'] as const)('%s mode on a shared Redis store', (mode) => {
  it('keeps the cooldown across instances and verifies a code on the other instance', async () => {
    const a = await instance(mode)
    const b = await instance(mode)
    const phone = mode === 'message' ? '+639171110001' : '+639171110002'
    expect((await a.authClient.phoneNumber.sendOtp({ phoneNumber: phone })).error).toBeNull()
    expect((await b.authClient.phoneNumber.sendOtp({ phoneNumber: phone })).error).toMatchObject({
      status: 429,
    })
    const verified = await b.authClient.phoneNumber.verify({
      phoneNumber: phone,
      code: a.lastCode(phone),
    })
    expect(verified.error).toBeNull()
  })
})
