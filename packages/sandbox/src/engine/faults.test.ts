import { describe, expect, it } from 'vitest'
import { BASE, make, send, TOKEN } from '../../test/gateway-calls.js'

describe('faults', () => {
  it('answers the next N requests to a path with HTTP 500, then recovers', async () => {
    const sandbox = make()
    sandbox.faults.add({ kind: 'http-500', path: '/api/v1/account/sms_credits', times: 2 })
    const credits = () => sandbox.fetch(`${BASE}/api/v1/account/sms_credits?api_token=${TOKEN}`)
    expect((await credits()).status).toBe(500)
    expect((await send(sandbox, { phone_number: '639171234567', message: 'a' })).http).toBe(200)
    expect((await credits()).status).toBe(500)
    expect((await credits()).status).toBe(200)
  })

  it('answers a gateway error body, carrying nothing out', async () => {
    const sandbox = make()
    sandbox.faults.add({ kind: 'gateway-error', message: 'Upstream down' })
    expect((await send(sandbox, { phone_number: '639171234567', message: 'a' })).body).toEqual({
      status: 500,
      message: 'Upstream down',
    })
    expect(sandbox.messages()).toEqual([])
  })

  it('cuts the JSON short after carrying the send out', async () => {
    const sandbox = make()
    sandbox.faults.add({ kind: 'malformed-json' })
    const response = await sandbox.fetch(`${BASE}/api/v1/sms_messages`, {
      method: 'POST',
      body: JSON.stringify({ api_token: TOKEN, phone_number: '639171234567', message: 'a' }),
      headers: { 'content-type': 'application/json' },
    })
    const text = await response.text()
    expect(() => JSON.parse(text)).toThrow()
    expect(sandbox.messages()).toHaveLength(1)
  })

  it('makes fetch fail like a reset connection', async () => {
    const sandbox = make()
    sandbox.faults.add({ kind: 'reset' })
    await expect(
      sandbox.fetch(`${BASE}/api/v1/account/sms_credits?api_token=${TOKEN}`),
    ).rejects.toThrow('fetch failed')
  })

  it('answers late, and gives up with the caller’s signal', async () => {
    const sandbox = make()
    sandbox.faults.add({ kind: 'timeout', delayMs: 60_000 })
    const controller = new AbortController()
    const pending = sandbox.fetch(`${BASE}/api/v1/account/sms_credits?api_token=${TOKEN}`, {
      signal: controller.signal,
    })
    controller.abort()
    await expect(pending).rejects.toThrow()
  })

  it('hits a given share of requests, the same ones for the same seed', async () => {
    const pattern = async () => {
      const sandbox = make({ seed: 99 })
      sandbox.faults.add({ kind: 'http-500', rate: 0.5 })
      const statuses: number[] = []
      for (let i = 0; i < 40; i++) {
        statuses.push(
          (await sandbox.fetch(`${BASE}/api/v1/account/sms_credits?api_token=${TOKEN}`)).status,
        )
      }
      return statuses
    }
    const first = await pattern()
    expect(first).toEqual(await pattern())
    const hits = first.filter((s) => s === 500).length
    expect(hits).toBeGreaterThan(5)
    expect(hits).toBeLessThan(35)
  })

  it('never faults the controls or the inbox', async () => {
    const sandbox = make()
    sandbox.faults.add({ kind: 'http-500', rate: 1 })
    expect((await sandbox.fetch(`${BASE}/`)).status).toBe(200)
    expect((await sandbox.fetch(`${BASE}/__sandbox/state`)).status).toBe(200)
  })
})
