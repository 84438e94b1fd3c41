import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { createClient } from '../src/client/create-client.js'
import type { ClientOptions, SmsClient } from '../src/client/types.js'
import { bulkOk, reminderData, sendOk, success, TOKEN } from './gateway-bodies.js'
import { closedPortUrl, type ScriptedReply, useRecordingServer } from './recording-server.js'

const gw = useRecordingServer()

// Every way a value can end up in a log line.
function serialisations(value: unknown): string[] {
  const out = [JSON.stringify(value) ?? '', String(value), inspect(value, { depth: 10 })]
  if (value instanceof Error) out.push(value.stack ?? '')
  let cause = (value as { cause?: unknown } | null)?.cause
  while (cause !== undefined && cause !== null) {
    out.push(...serialisations(cause))
    cause = (cause as { cause?: unknown }).cause
  }
  return out
}

function expectNoToken(label: string, value: unknown) {
  for (const text of serialisations(value)) {
    expect(text, label).not.toContain(TOKEN)
    expect(text, label).not.toContain('SECRET_1234')
  }
}

const echoPage = `<html><body>Error at https://www.iprogsms.com/api/v1/account/sms_credits?api_token=${TOKEN} (${TOKEN})</body></html>`
const echoJson = { status: 500, message: [`Token ${TOKEN} refused`, `api_token=${TOKEN}`] }
const future = new Date('2099-01-01T00:00:00Z')

const calls: [string, (sms: SmsClient) => Promise<unknown>][] = [
  ['send', (sms) => sms.messages.send({ to: '09171234567', message: 'Hi' })],
  ['sendBulk', (sms) => sms.messages.sendBulk({ to: ['09171234567'], message: 'Hi' })],
  ['status', (sms) => sms.messages.status('iSms-abc123')],
  ['credits', (sms) => sms.account.credits()],
  ['otp.send', (sms) => sms.otp.send({ to: '09171234567' })],
  ['otp.verify', (sms) => sms.otp.verify({ to: '09171234567', code: '123456' })],
  [
    'reminders.create',
    (sms) => sms.reminders.create({ to: '09171234567', message: 'Hi', scheduledAt: future }),
  ],
  ['reminders.get', (sms) => sms.reminders.get(7)],
  ['reminders.update', (sms) => sms.reminders.update(7, { message: 'Hi' })],
  ['reminders.delete', (sms) => sms.reminders.delete(7)],
]

const successes: Record<string, ScriptedReply> = {
  send: { body: sendOk() },
  sendBulk: { body: bulkOk(['iSms-1']) },
  status: { body: { status: 200, message_status: 'pending' } },
  credits: { body: success({ load_balance: 1 }) },
  'otp.send': { body: success({ otp_code: '123456', message: `Code for ${TOKEN}` }) },
  'otp.verify': { body: { status: 'success', message: 'Verified' } },
  'reminders.create': { body: success(reminderData({ message: `api_token=${TOKEN}` })) },
  'reminders.get': { body: success(reminderData()) },
  'reminders.update': { body: success(reminderData()) },
  'reminders.delete': { body: success(reminderData()) },
}

const failures: [string, ScriptedReply | 'refused' | 'throwing fetch', Partial<ClientOptions>?][] =
  [
    ['HTML page echoing the URL', { status: 502, body: echoPage }],
    ['JSON error echoing the token', { status: 200, body: echoJson }],
    ['invalid token', { body: { status: 500, message: 'Invalid api token or no load balance' } }],
    ['timeout', { delayMs: 200, body: {} }, { timeoutMs: 20 }],
    ['dropped connection', { destroy: true }],
    ['connection refused', 'refused'],
    ['fetch that throws with the URL', 'throwing fetch'],
  ]

describe('the token never leaks', () => {
  it('appears in no result, hook payload or error of any method', async () => {
    const hookPayloads: unknown[] = []
    const hooks = {
      onRequest: (ctx: unknown) => hookPayloads.push(ctx),
      onResponse: (ctx: unknown) => hookPayloads.push(ctx),
      onRetry: (ctx: unknown) => hookPayloads.push(ctx),
      onError: (ctx: unknown) => hookPayloads.push(ctx),
    }
    const base: ClientOptions = {
      apiToken: TOKEN,
      baseUrl: gw.url,
      retry: { retries: 1, baseDelayMs: 1 },
      hooks,
    }
    let checked = 0
    for (const [name, call] of calls) {
      gw.script(successes[name]!)
      const result = await call(createClient(base))
      expectNoToken(`${name} success`, result)
      checked++
      for (const [label, reply, extra] of failures) {
        let options: ClientOptions = { ...base, ...extra }
        if (reply === 'refused') options = { ...options, baseUrl: await closedPortUrl() }
        else if (reply === 'throwing fetch') {
          options = {
            ...options,
            fetch: async (input) => {
              throw Object.assign(new TypeError(`request to ${String(input)} failed`), {
                request: { url: String(input), body: `{"api_token":"${TOKEN}"}` },
              })
            },
          }
        } else gw.script(reply)
        const outcome = await call(createClient(options)).catch((error: unknown) => error)
        expectNoToken(`${name}: ${label}`, outcome)
        checked++
      }
    }
    expect(checked).toBe(calls.length * (failures.length + 1))
    expect(hookPayloads.length).toBeGreaterThan(calls.length * failures.length)
    expectNoToken('hook payloads', hookPayloads)
  })

  it('redacts the token from the status link of a send', async () => {
    gw.script({ body: sendOk('iSms-zz9') })
    const sent = await createClient({ apiToken: TOKEN, baseUrl: gw.url }).messages.send({
      to: '09171234567',
      message: 'Hi',
    })
    expect(sent.statusLink).toContain('api_token=[REDACTED]')
    expect(sent.statusLink).toContain('message_id=iSms-zz9')
  })
})

describe('any token, however it is written back', () => {
  // Short (the sandbox README's own `--token demo`), with characters that stop a URL-parameter
  // pattern (`#`, `&`, `'`, a space), and mixed case.
  const tokens = ['demo', "d#&' x", 'zQ', 'Wv7_kP-9']

  const spellings = (token: string) => [
    token,
    token.toUpperCase(),
    token.toLowerCase(),
    encodeURIComponent(token),
    encodeURIComponent(token).toLowerCase(),
    new URLSearchParams({ t: token }).toString().slice(2),
  ]

  // Lower-cased, so an upper-cased echo counts as a leak too.
  function expectNoSpelling(label: string, token: string, value: unknown) {
    for (const text of serialisations(value)) {
      for (const spelling of spellings(token)) {
        expect(text.toLowerCase(), `${label}: ${spelling}`).not.toContain(spelling.toLowerCase())
      }
    }
  }

  const echoes = (token: string) => {
    const link = `https://www.iprogsms.com/api/v1/sms_messages/status?api_token=${token}&message_id=iSms-1`
    return {
      message: `Queued for ${token.toUpperCase()}`,
      message_id: 'iSms-1',
      message_status_link: link,
      encoded: `api_token=${encodeURIComponent(token)}`,
      form: `?${new URLSearchParams({ api_token: token, x: token })}`,
      [`key ${token}`]: token.toLowerCase(),
    }
  }

  for (const token of tokens) {
    it(`redacts ${JSON.stringify(token)} from results, errors, links, raw bodies and causes`, async () => {
      const sms = createClient({ apiToken: token, baseUrl: gw.url, retry: false })
      gw.script({ body: { status: 200, ...echoes(token) } })
      const sent = await sms.messages.send({ to: '09171234567', message: 'Hi' })
      expect(sent.statusLink).toBe(
        'https://www.iprogsms.com/api/v1/sms_messages/status?api_token=[REDACTED]&message_id=iSms-1',
      )
      expectNoSpelling('send result', token, sent)

      gw.script({ body: { status: 500, message: `Bad token ${token.toUpperCase()}` } })
      const refused = await sms.messages.send({ to: '09171234567', message: 'Hi' }).catch((e) => e)
      expect(refused.gatewayMessage).toBe('Bad token [REDACTED]')
      expectNoSpelling('refusal', token, refused)

      gw.script({ status: 502, body: `<html>${echoes(token).message_status_link}</html>` })
      expectNoSpelling('HTML page', token, await sms.account.credits().catch((e) => e))

      const throwing = createClient({
        apiToken: token,
        baseUrl: gw.url,
        retry: false,
        fetch: async (input) => {
          throw new TypeError(`request to ${String(input)} failed`, {
            cause: new Error(`socket for ${String(input).toUpperCase()} closed`),
          })
        },
      })
      expectNoSpelling('cause of a GET', token, await throwing.account.credits().catch((e) => e))
    })
  }
})

describe('a token that is also a piece of the envelope', () => {
  it('still reads "success", "error" and 200 as the gateway wrote them', async () => {
    for (const token of ['s', 'succ', 'e', '2']) {
      const sms = createClient({ apiToken: token, baseUrl: gw.url, retry: false })
      gw.script({ body: { status: 'success', message: 'OTP verified successfully.' } })
      expect((await sms.otp.verify({ to: '09171234567', code: '123456' })).verified).toBe(true)
      gw.script({ body: { status: 'error', message: 'Invalid OTP.' } })
      expect((await sms.otp.verify({ to: '09171234567', code: '123456' })).verified).toBe(false)
      gw.script({
        body: { status: 200, message_id: 'iSms-1', message_status_link: 'x?api_token=s' },
      })
      // Still a success (the id itself is redacted where it spells the token).
      await expect(sms.messages.send({ to: '09171234567', message: 'Hi' })).resolves.toBeTruthy()
    }
  })
})
