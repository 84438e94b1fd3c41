// The real client with the sandbox's `fetch` handler injected: no server, no port.
import { createClient, IprogNetworkError } from '@iprog-sms/core'
import { describe, expect, it } from 'vitest'
import { createSandbox } from '../src/sandbox.js'

const TOKEN = 'in-process-token'

describe('client with sandbox.fetch', () => {
  it('sends, reads status and credits without any network', async () => {
    const sandbox = createSandbox({
      tokens: { [TOKEN]: 10 },
      freezeClock: true,
      statusDelayMs: 1000,
    })
    const sms = createClient({
      apiToken: TOKEN,
      baseUrl: 'http://sandbox.test',
      fetch: sandbox.fetch,
    })
    const sent = await sms.messages.send({ to: '09171234567', message: 'Kumusta?' })
    expect(sent.statusLink?.startsWith('http://sandbox.test/api/v1/sms_messages/status?')).toBe(
      true,
    )
    sandbox.clock.advance(1000)
    expect((await sms.messages.status(sent.messageId)).status).toBe('completed')
    expect((await sms.account.credits()).balance).toBe(9)
  })

  it('a reset fault reaches the client as a network failure that may have delivered', async () => {
    const sandbox = createSandbox({ tokens: { [TOKEN]: 10 } })
    sandbox.faults.add({ kind: 'reset', path: '/api/v1/sms_messages' })
    const sms = createClient({
      apiToken: TOKEN,
      baseUrl: 'http://sandbox.test',
      fetch: sandbox.fetch,
    })
    const error = await sms.messages
      .send({ to: '09171234567', message: 'x' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IprogNetworkError)
    expect((error as IprogNetworkError).maybeDelivered).toBe(true)
  })
})
