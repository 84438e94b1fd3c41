// Redirects are never followed: a 307/308 would carry the token's request body to another host,
// and a 302 to another host would come back as a "successful" send from whoever answers there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from '../src/client/create-client.js'
import { IprogApiError } from '../src/errors.js'
import { sendOk, success, TOKEN } from './gateway-bodies.js'
import {
  type RecordingServer,
  startRecordingServer,
  useRecordingServer,
} from './recording-server.js'

const gw = useRecordingServer()
// A second, real server on another port: where a followed redirect would land.
let elsewhere: RecordingServer
beforeAll(async () => {
  elsewhere = await startRecordingServer()
  elsewhere.script({ body: sendOk('iSms-from-elsewhere') })
})
afterAll(() => elsewhere.close())

const client = () => createClient({ apiToken: TOKEN, baseUrl: gw.url, retry: { baseDelayMs: 1 } })

describe('a redirect from the gateway', () => {
  for (const status of [301, 302, 303, 307, 308]) {
    it(`HTTP ${status} on a send is an IprogApiError and nothing reaches the other host`, async () => {
      elsewhere.requests.length = 0
      gw.script({ status, headers: { location: `${elsewhere.url}/api/v1/sms_messages` }, body: '' })
      const error = await client()
        .messages.send({ to: '09171234567', message: 'Hi' })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(IprogApiError)
      expect(error).toMatchObject({ code: 'api_error', httpStatus: status, maybeDelivered: true })
      expect((error as Error).message).toMatch(/redirect/)
      expect(gw.requests).toHaveLength(1)
      expect(elsewhere.requests).toHaveLength(0)
    })
  }

  it('on a GET (the token in its query) is not followed nor retried', async () => {
    elsewhere.requests.length = 0
    gw.script({
      status: 302,
      headers: { location: `${elsewhere.url}/api/v1/account/sms_credits` },
      body: success({ load_balance: 1 }),
    })
    const error = await client()
      .account.credits()
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'api_error', httpStatus: 302 })
    expect(gw.requests).toHaveLength(1)
    expect(elsewhere.requests).toHaveLength(0)
    expect(JSON.stringify(error)).not.toContain(TOKEN)
  })
})
