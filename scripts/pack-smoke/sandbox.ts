// @iprog-sms/sandbox's README "In a test": startSandbox, inspectors, the clock, createSandbox.
import { createClient } from '@iprog-sms/core'
import { createSandbox, startSandbox } from '@iprog-sms/sandbox'
import { check, type Gateway } from './gateway.js'

export async function run(gateway: Gateway): Promise<void> {
  const local = await startSandbox({ port: 0, tokens: { 'test-token': 100 }, freezeClock: true })
  try {
    const sms = createClient({ apiToken: 'test-token', baseUrl: local.url })
    const sent = await sms.messages.send({ to: '0917 123 4567', message: 'Salamat po!' })
    const [captured] = local.sandbox.messages()
    check(captured?.id === sent.messageId && captured.status === 'pending', 'sandbox: messages()')
    local.sandbox.clock.advance(2000)
    check(local.sandbox.messages()[0]?.status === 'completed', 'sandbox: clock.advance')
  } finally {
    await local.close()
  }

  const sandbox = createSandbox({ tokens: { 'test-token': 100 } })
  const sms = createClient({
    apiToken: 'test-token',
    baseUrl: 'http://sandbox.test',
    fetch: sandbox.fetch,
  })
  check((await sms.account.credits()).balance === 100, 'sandbox: createSandbox fetch')

  // The bin-started gateway serves its live inbox at `/`.
  const inbox = await fetch(`${gateway.url}/`)
  check(inbox.ok && (inbox.headers.get('content-type') ?? '').includes('html'), 'sandbox: inbox')
}
