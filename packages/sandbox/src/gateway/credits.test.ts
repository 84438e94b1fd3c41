import { describe, expect, it } from 'vitest'
import { call, make, TOKEN } from '../../test/gateway-calls.js'

describe('credits', () => {
  it.each(['account', 'accounts'])(
    'serves the balance at /api/v1/%s/sms_credits',
    async (segment) => {
      const sandbox = make({ tokens: { [TOKEN]: 12.5 } })
      const { body } = await call(sandbox, 'GET', `/api/v1/${segment}/sms_credits`, {
        api_token: TOKEN,
      })
      expect(body).toEqual({
        status: 'success',
        message: 'Account found.',
        data: { load_balance: 12.5 },
      })
    },
  )

  it('refuses an unknown token', async () => {
    const { body } = await call(make(), 'GET', '/api/v1/account/sms_credits', { api_token: 'x' })
    expect(body).toEqual({ status: 500, message: 'Invalid api token or no load balance' })
  })
})
