import { createClient } from '@iprog-sms/core'
import { createMemoryStore } from '@iprog-sms/core/server'
import { createSandbox } from '@iprog-sms/sandbox'
import { describe, expect, it } from 'vitest'
import { createClinic } from './clinic.js'

const STAFF_KEY = 'staff-key-0123456789'

function setUp() {
  const sandbox = createSandbox({ tokens: { 'clinic-test-token': 100 }, statusDelayMs: 0 })
  const client = createClient({
    apiToken: 'clinic-test-token',
    baseUrl: 'http://sandbox.test',
    fetch: sandbox.fetch,
  })
  const clinic = createClinic({ sms: { client, store: createMemoryStore() }, staffKey: STAFF_KEY })
  const signIn = async (phone: string) => {
    await client.otp.send({ to: phone })
    const code = sandbox.otps({ to: phone }).at(-1)?.code ?? ''
    return clinic.signIn({ phone, code }, { ip: '203.0.113.7' })
  }
  return { sandbox, clinic, signIn }
}

describe('createClinic without a queue', () => {
  it('answers an announcement with every recipient, sent in one bulk call', async () => {
    const { sandbox, clinic, signIn } = setUp()
    await signIn('09171234567')
    await signIn('09187654321')
    await signIn('09171234567') // a second session of the same patient: still one SMS
    const sent = await clinic.announce({ message: 'Closed on Monday.' }, STAFF_KEY)
    expect(sent).toEqual({
      queued: false,
      recipients: 2,
      accepted: [
        { to: '639171234567', messageId: expect.stringMatching(/^iSms-/) },
        { to: '639187654321', messageId: expect.stringMatching(/^iSms-/) },
      ],
      rejected: [],
    })
    expect(sandbox.messages().filter((m) => m.message === 'Closed on Monday.')).toHaveLength(2)
    await expect(clinic.announcement('any', STAFF_KEY)).rejects.toMatchObject({ code: 'not_found' })
  })

  it('sends nothing when nobody is signed in, and refuses without the staff key', async () => {
    const { sandbox, clinic } = setUp()
    await expect(clinic.announce({ message: 'Hi' }, STAFF_KEY)).resolves.toMatchObject({
      recipients: 0,
    })
    await expect(clinic.announce({ message: 'Hi' }, 'nope')).rejects.toMatchObject({
      code: 'forbidden',
    })
    expect(sandbox.messages()).toEqual([])
  })

  it('cancels the reminder when the confirmation cannot be sent', async () => {
    const { sandbox, clinic, signIn } = setUp()
    const { token } = await signIn('09171234567')
    sandbox.faults.add({ kind: 'gateway-error', path: '/api/v1/sms_messages' })
    const startsAt = new Date(Date.now() + 3 * 86_400_000).toISOString()
    await expect(clinic.book(token, { startsAt })).rejects.toMatchObject({ code: 'api_error' })
    expect(sandbox.reminders()).toEqual([])
  })
})
