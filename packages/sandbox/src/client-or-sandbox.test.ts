import { describe, expect, it } from 'vitest'
import { clientOrSandbox } from './client-or-sandbox.js'

describe('clientOrSandbox', () => {
  it('starts a sandbox and points the client at it when no token is set', async () => {
    const { client, sandbox, close } = await clientOrSandbox({ env: {} })
    try {
      expect(sandbox).toBeDefined()
      const sent = await client.messages.send({ to: '09171234567', message: 'Kumusta?' })
      expect(sandbox?.sandbox.messages({ to: '639171234567' }).map((m) => m.id)).toEqual([
        sent.messageId,
      ])
    } finally {
      await close()
    }
  })

  it('uses the real gateway settings and starts nothing when a token is set', async () => {
    const seen: string[] = []
    const { client, sandbox } = await clientOrSandbox({
      env: {
        IPROG_SMS_API_TOKEN: 'tok_from_env_0123456789',
        IPROG_SMS_BASE_URL: 'http://gateway.test',
      },
      clientOptions: {
        retry: false,
        fetch: async (url) => {
          seen.push(String(url))
          return new Response('{"status":"success","data":{"load_balance":3}}')
        },
      },
    })
    expect(sandbox).toBeUndefined()
    expect((await client.account.credits()).balance).toBe(3)
    expect(seen).toEqual([
      'http://gateway.test/api/v1/account/sms_credits?api_token=tok_from_env_0123456789',
    ])
  })
})
