// A sandbox left running on a laptop, over real HTTP: web pages (forms, `no-cors` fetches, DNS
// rebinding) cannot drive it, and absurd control values are refused without breaking it.
import { request as httpRequest } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { createSandbox } from '../src/sandbox.js'
import {
  type RunningSandbox,
  type StartSandboxOptions,
  startSandbox,
} from '../src/serve/node-server.js'

const TOKEN = 'laptop-test-token'
let running: RunningSandbox | undefined

afterEach(async () => {
  await running?.close()
  running = undefined
})

const start = async (options: StartSandboxOptions = {}) => {
  running = await startSandbox({ port: 0, tokens: { [TOKEN]: 50 }, ...options })
  return running
}

interface Raw {
  method?: string
  path: string
  headers?: Record<string, string>
  body?: string
}

// node:http, not fetch: fetch does not let a caller set `Host`.
function raw({ method = 'GET', path, headers = {}, body }: Raw) {
  const { port } = running!
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method,
          path,
          headers: { host: `127.0.0.1:${port}`, ...headers },
        },
        (res) => {
          let text = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => {
            text += chunk
          })
          res.on('end', () =>
            resolve({ status: res.statusCode!, headers: res.headers, body: text }),
          )
        },
      )
      req.on('error', reject)
      req.end(body)
    },
  )
}

const json = { 'content-type': 'application/json' }
const sendForm = `api_token=${TOKEN}&phone_number=639171234567&message=Hi`
const formType = { 'content-type': 'application/x-www-form-urlencoded' }

describe('Host (DNS rebinding)', () => {
  it('answers the loopback names with the port', async () => {
    const { port } = await start()
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `[::1]:${port}`,
      `LOCALHOST:${port}`,
    ]) {
      expect((await raw({ path: '/__sandbox/state', headers: { host } })).status).toBe(200)
    }
  })

  it('refuses any other name, on every path, before reading a token or sending', async () => {
    const { port } = await start()
    for (const host of [`attacker.example:${port}`, 'attacker.example', `127.0.0.1:${port + 1}`]) {
      const state = await raw({ path: '/__sandbox/state', headers: { host } })
      expect(state.status).toBe(403)
      expect(state.body).not.toContain(TOKEN)
      expect((await raw({ path: '/', headers: { host } })).status).toBe(403)
      const send = await raw({
        method: 'POST',
        path: '/api/v1/sms_messages',
        headers: { host, ...formType },
        body: sendForm,
      })
      expect(send.status).toBe(403)
    }
    expect(running!.sandbox.messages()).toEqual([])
  })

  it('takes every name when bound to something else on purpose', async () => {
    await start({ host: '0.0.0.0' })
    const state = await raw({ path: '/__sandbox/state', headers: { host: 'sandbox.lan:4010' } })
    expect(state.status).toBe(200)
  })
})

describe('Origin (cross-site requests)', () => {
  it('refuses a control from a page of another origin, and changes nothing', async () => {
    await start()
    for (const origin of ['http://attacker.example', 'null', `http://localhost:${running!.port}`]) {
      const added = await raw({
        method: 'POST',
        path: '/__sandbox/faults',
        headers: { origin, ...json },
        body: '{"kind":"http-500","rate":1}',
      })
      expect(added.status).toBe(403)
      const events = await raw({ path: '/__sandbox/state', headers: { origin } })
      expect(events.status).toBe(403)
      expect(events.body).not.toContain(TOKEN)
    }
    expect(running!.sandbox.faults.list()).toEqual([])
  })

  it('refuses a gateway call from a page of another origin: no SMS, no charge', async () => {
    await start()
    const send = await raw({
      method: 'POST',
      path: '/api/v1/sms_messages',
      headers: { origin: 'https://attacker.example', ...formType },
      body: sendForm,
    })
    expect(send.status).toBe(403)
    expect(running!.sandbox.messages()).toEqual([])
    expect(running!.sandbox.balances()[TOKEN]).toBe(50)
  })

  it("takes the inbox's own requests (its origin) and servers' (no origin)", async () => {
    const { url } = await start()
    expect(
      (await raw({ method: 'DELETE', path: '/__sandbox/messages', headers: { origin: url } }))
        .status,
    ).toBe(200)
    expect(
      (
        await raw({
          method: 'POST',
          path: '/api/v1/sms_messages',
          headers: formType,
          body: sendForm,
        })
      ).status,
    ).toBe(200)
  })

  it('reads the headers whatever their case', async () => {
    const { port } = await start()
    const refused = await raw({
      method: 'POST',
      path: '/api/v1/sms_messages',
      headers: { ORIGIN: 'https://attacker.example', 'Content-Type': formType['content-type'] },
      body: sendForm,
    })
    expect(refused.status).toBe(403)
    const sent = await raw({
      method: 'POST',
      path: '/api/v1/sms_messages',
      headers: { HOST: `LocalHost:${port}`, 'CONTENT-TYPE': 'Application/JSON' },
      body: JSON.stringify({ api_token: TOKEN, phone_number: '639171234567', message: 'Hi' }),
    })
    expect(JSON.parse(sent.body).status).toBe(200)
    expect(JSON.parse(sent.body).message_status_link).toMatch(/^http:\/\/LocalHost:/)
  })

  it('is refused by the in-process fetch handler too', async () => {
    const sandbox = createSandbox({ tokens: { [TOKEN]: 5 } })
    const response = await sandbox.fetch('http://sandbox.test/__sandbox/reset', {
      method: 'POST',
      headers: { origin: 'https://attacker.example' },
    })
    expect(response.status).toBe(403)
    sandbox.close()
  })
})

describe('control bodies', () => {
  it('must be declared JSON: a form or text/plain body (what a page can send) is refused with 415', async () => {
    await start()
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      '',
    ]) {
      const response = await raw({
        method: 'POST',
        path: '/__sandbox/faults',
        headers: type === '' ? {} : { 'content-type': type },
        body: '{"kind":"http-500","rate":1}',
      })
      expect(response.status).toBe(415)
    }
    const credits = await raw({
      method: 'PUT',
      path: `/__sandbox/tokens/${TOKEN}`,
      headers: { 'content-type': 'text/plain' },
      body: '{"credits":0}',
    })
    expect(credits.status).toBe(415)
    expect(running!.sandbox.faults.list()).toEqual([])
    expect(running!.sandbox.balances()[TOKEN]).toBe(50)
  })

  it('accepts application/json with parameters and +json types', async () => {
    await start()
    for (const type of ['application/json; charset=utf-8', 'application/merge-patch+json']) {
      const response = await raw({
        method: 'PATCH',
        path: '/__sandbox/config',
        headers: { 'content-type': type },
        body: '{"statusDelayMs":10}',
      })
      expect(response.status).toBe(200)
    }
  })
})

describe('absurd control values', () => {
  const post = (path: string, body: unknown) =>
    raw({ method: 'POST', path, headers: json, body: JSON.stringify(body) })

  it('refuses clock moves outside the years 0000-9999 with 400, changing nothing, and state still reads', async () => {
    await start()
    const before = running!.sandbox.clock.frozen
    for (const body of [
      { advanceMs: 1e308 },
      { advanceMs: 8.64e15 },
      { set: 1e308 },
      { set: -1e308 },
      { set: '+275760-09-13T00:00:00.000Z' },
      { set: 'yesterday' },
      { frozen: true, advanceMs: 1e308 },
      { advanceMs: -1 },
      { advanceMs: '5' },
    ]) {
      const response = await post('/__sandbox/clock', body)
      expect(response.status, JSON.stringify(body)).toBe(400)
      expect(JSON.parse(response.body).error).toEqual(expect.any(String))
    }
    expect(running!.sandbox.clock.frozen).toBe(before)
    const state = await raw({ path: '/__sandbox/state' })
    expect(state.status).toBe(200)
    expect(JSON.parse(state.body).now).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    // The last writable moment is still fine.
    expect(
      (await post('/__sandbox/clock', { frozen: true, set: '9999-12-31T23:59:59.999+08:00' }))
        .status,
    ).toBe(200)
    expect(JSON.parse((await raw({ path: '/__sandbox/state' })).body).now).toBe(
      '9999-12-31T23:59:59.999+08:00',
    )
  })

  it('refuses fault rules that would break later requests or fire early', async () => {
    await start()
    for (const rule of [
      { kind: 'timeout', delayMs: 1e308 },
      { kind: 'timeout', delayMs: 2 ** 31 },
      { kind: 'http-500', path: 5 },
      { kind: 'http-500', method: ['POST'] },
      { kind: 'gateway-error', message: { text: 'x' } },
      { kind: 'http-500', rate: '0.5' },
    ]) {
      expect((await post('/__sandbox/faults', rule)).status, JSON.stringify(rule)).toBe(400)
    }
    expect(running!.sandbox.faults.list()).toEqual([])
    const send = await raw({
      method: 'POST',
      path: '/api/v1/sms_messages',
      headers: formType,
      body: sendForm,
    })
    expect(send.status).toBe(200)
  })

  it('refuses behaviour of the wrong type', async () => {
    await start()
    for (const patch of [
      { failNumbers: '0917' },
      { smartTntPrefixes: [918] },
      { httpStatusMirrorsBody: 'yes' },
    ]) {
      expect((await post('/__sandbox/config', patch)).status, JSON.stringify(patch)).toBe(400)
    }
    expect((await raw({ path: '/__sandbox/state' })).status).toBe(200)
    expect(running!.sandbox.config().httpStatusMirrorsBody).toBe(false)
  })
})

describe('the inbox page', () => {
  it('sends a security policy: its own nonce for the inline script and style, no framing', async () => {
    await start()
    const page = await raw({ path: '/' })
    const policy = String(page.headers['content-security-policy'])
    expect(policy).toContain("frame-ancestors 'none'")
    expect(policy).toContain("default-src 'none'")
    expect(policy).not.toContain('unsafe-inline')
    const nonce = /script-src 'nonce-([^']+)'/.exec(policy)?.[1]
    expect(nonce).toBeDefined()
    expect(page.body).toContain(`<script nonce="${nonce}">`)
    expect(page.body).toContain(`<style nonce="${nonce}">`)
    expect(page.headers['x-frame-options']).toBe('DENY')
    // A fresh nonce for every load.
    const again = String((await raw({ path: '/' })).headers['content-security-policy'])
    expect(again).not.toBe(policy)
  })
})
