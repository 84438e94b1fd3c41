import { request as httpRequest } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { type RunningSandbox, startSandbox } from './node-server.js'

const TOKEN = 'test-token-0002'
let running: RunningSandbox | undefined

afterEach(async () => {
  await running?.close()
  running = undefined
})

const start = async (options: Parameters<typeof startSandbox>[0] = {}) => {
  running = await startSandbox({ port: 0, tokens: { [TOKEN]: 50 }, ...options })
  return running
}

const control = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${running!.url}/__sandbox${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  })
  return { status: response.status, body: await response.json() }
}

const sendForm = (phone = '639171234567') =>
  fetch(`${running!.url}/api/v1/sms_messages`, {
    method: 'POST',
    body: new URLSearchParams({ api_token: TOKEN, phone_number: phone, message: 'Hello' }),
  })

describe('startSandbox', () => {
  it('serves the gateway on a free port with links back to itself', async () => {
    const { url, port } = await start()
    expect(url).toBe(`http://127.0.0.1:${port}`)
    const body = await (await sendForm()).json()
    expect(body.message_status_link.startsWith(`${url}/api/v1/sms_messages/status?`)).toBe(true)
  })

  it('serves the inbox page at / with no external resource', async () => {
    const { url } = await start()
    const response = await fetch(`${url}/`)
    expect(response.headers.get('content-type')).toMatch(/text\/html/)
    const html = await response.text()
    expect(html).toContain('/__sandbox/events')
    expect(html).not.toMatch(/(src|href)=["']?https?:/)
  })

  it('resets the connection for a reset fault', async () => {
    const { url } = await start()
    await control('POST', '/faults', { kind: 'reset', path: '/api/v1/sms_messages' })
    const error = await new Promise<NodeJS.ErrnoException>((resolve, reject) => {
      const req = httpRequest(`${url}/api/v1/sms_messages`, { method: 'POST' }, () =>
        reject(new Error('answered')),
      )
      req.on('error', resolve)
      req.end(`api_token=${TOKEN}&phone_number=639171234567&message=x`)
    })
    expect(error.code).toBe('ECONNRESET')
    expect((await sendForm()).status).toBe(200)
  })

  it('refuses a body over the size cap with 413', async () => {
    const { url } = await start({ maxBodyBytes: 1000 })
    const response = await fetch(`${url}/api/v1/sms_messages`, {
      method: 'POST',
      body: 'x'.repeat(5000),
    })
    expect(response.status).toBe(413)
  })

  it('streams a snapshot then live events to /__sandbox/events', async () => {
    const { url } = await start()
    const controller = new AbortController()
    const response = await fetch(`${url}/__sandbox/events`, { signal: controller.signal })
    expect(response.headers.get('content-type')).toBe('text/event-stream')
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
    let seen = ''
    const readUntil = async (needle: string) => {
      while (!seen.includes(needle)) {
        const { value, done } = await reader.read()
        if (done) throw new Error(`stream ended before ${needle}`)
        seen += value
      }
    }
    await readUntil('event: snapshot')
    await sendForm('09175550000')
    await readUntil('event: message\n')
    await readUntil('"to":"639175550000"')
    controller.abort()
  })
})

describe('controls over HTTP', () => {
  it('set and add credits, list balances, remove a token', async () => {
    await start()
    expect((await control('PUT', '/tokens/other-token', { credits: 5 })).body).toEqual({
      token: 'other-token',
      credits: 5,
    })
    expect(
      (await control('POST', '/tokens/other-token/credits', { amount: 2.5 })).body.credits,
    ).toBe(7.5)
    expect((await control('GET', '/balances')).body).toEqual({ [TOKEN]: 50, 'other-token': 7.5 })
    expect((await control('DELETE', '/tokens/other-token')).body).toEqual({ removed: true })
  })

  it('inspects messages by recipient and clears them', async () => {
    await start()
    await sendForm('639171111111')
    await sendForm('09172222222')
    const only = await control('GET', '/messages?to=09172222222')
    expect(only.body).toHaveLength(1)
    expect(only.body[0].to).toBe('639172222222')
    await control('DELETE', '/messages')
    expect((await control('GET', '/messages')).body).toEqual([])
  })

  it('freezes, sets and advances the clock, settling statuses', async () => {
    await start({ statusDelayMs: 60_000 })
    await control('POST', '/clock', { frozen: true, set: '2026-02-06T10:00:00+08:00' })
    await sendForm()
    expect((await control('GET', '/messages')).body[0].status).toBe('pending')
    const moved = await control('POST', '/clock', { advanceMs: 60_000 })
    expect(moved.body).toEqual({ now: '2026-02-06T02:01:00.000Z', frozen: true })
    expect((await control('GET', '/messages')).body[0].status).toBe('completed')
  })

  it('adds, lists and clears faults; answers 400 for a bad rule', async () => {
    await start()
    expect((await control('POST', '/faults', { kind: 'http-500', times: 2 })).body).toMatchObject({
      kind: 'http-500',
      remaining: 2,
    })
    expect((await control('GET', '/faults')).body).toHaveLength(1)
    expect((await control('POST', '/faults', { kind: 'meteor' })).status).toBe(400)
    await control('DELETE', '/faults')
    expect((await control('GET', '/faults')).body).toEqual([])
  })

  it('switches the HTTP status mirror and resets', async () => {
    await start()
    await control('PATCH', '/config', { httpStatusMirrorsBody: true })
    expect(
      (await fetch(`${running!.url}/api/v1/account/sms_credits?api_token=nobody`)).status,
    ).toBe(500)
    await control('POST', '/reset')
    expect(
      (await fetch(`${running!.url}/api/v1/account/sms_credits?api_token=nobody`)).status,
    ).toBe(200)
  })

  it('answers 404 for an unknown control', async () => {
    await start()
    expect((await control('GET', '/nothing')).status).toBe(404)
  })
})
