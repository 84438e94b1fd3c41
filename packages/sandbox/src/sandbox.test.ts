import { describe, expect, it } from 'vitest'
import { call, make, START, send, TOKEN } from '../test/gateway-calls.js'

describe('controls', () => {
  it('reset brings back the configured tokens and forgets everything captured', async () => {
    const sandbox = make()
    await send(sandbox, { phone_number: '639171234567', message: 'a' })
    sandbox.setCredits('another', 3)
    sandbox.reset()
    expect(sandbox.messages()).toEqual([])
    expect(sandbox.balances()).toEqual({ [TOKEN]: 20 })
    expect(sandbox.clock.now()).toBe(Date.parse(START))
  })

  it('clearInbox empties messages and codes', async () => {
    const sandbox = make()
    await call(sandbox, 'POST', '/api/v1/otp/send_otp', {
      api_token: TOKEN,
      phone_number: '639171234567',
    })
    sandbox.clearInbox()
    expect(sandbox.messages()).toEqual([])
    expect(sandbox.otps()).toEqual([])
  })

  it('tells subscribers about new messages and settled statuses', async () => {
    const sandbox = make({ statusDelayMs: 10 })
    const seen: string[] = []
    const stop = sandbox.subscribe((event) => seen.push(event.type))
    await send(sandbox, { phone_number: '639171234567', message: 'a' })
    sandbox.clock.advance(10)
    stop()
    expect(seen).toEqual(['balance', 'message', 'message-status'])
  })

  it('settles a message dropped past the cap or cleared unseen: no status event for it', async () => {
    const sandbox = make({ statusDelayMs: 10, maxMessages: 1 })
    const statuses: unknown[] = []
    sandbox.subscribe((event) => {
      if (event.type === 'message-status') statuses.push((event.data as { id: string }).id)
    })
    await send(sandbox, { phone_number: '639171234567', message: 'dropped' })
    const kept = (await send(sandbox, { phone_number: '639171234567', message: 'kept' })).body
    sandbox.clock.advance(10)
    expect(statuses).toEqual([kept.message_id])
    await send(sandbox, { phone_number: '639171234567', message: 'cleared' })
    sandbox.clearInbox()
    sandbox.clock.advance(10)
    expect(statuses).toEqual([kept.message_id])
    expect(sandbox.messages()).toEqual([])
  })
})
