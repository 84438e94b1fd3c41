// A real browser visiting a hostile page while the sandbox runs on the same laptop: the page
// tries every way a web page has to drive or read the sandbox (no-cors fetches, a JSON fetch
// that needs a preflight, form posts, framing the inbox, DNS rebinding) and gets nowhere.
import { existsSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createClient } from '@iprog-sms/core'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_TOKEN } from '../src/options.js'
import { type RunningSandbox, startSandbox } from '../src/serve/node-server.js'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
// The name a DNS-rebinding page would use: it resolves to the sandbox's address.
const REBOUND = 'rebind.test'

let browser: Browser
let running: RunningSandbox
let attacker: Server
let attackerUrl: string

// Every attempt reports what the page could see; `fetch` rejects when the browser blocks it.
const attackPage = (sandbox: string) => `<!doctype html>
<html><body>
<iframe name="sink"></iframe>
<iframe id="framed" src="${sandbox}/"></iframe>
<script>
const S = ${JSON.stringify(sandbox)};
const results = {};
async function attempt(name, path, init) {
  try {
    const response = await fetch(S + path, init);
    results[name] = 'read ' + response.status + ' ' + (await response.text()).slice(0, 200);
  } catch (error) {
    results[name] = 'blocked';
  }
}
function post(path, fields) {
  return new Promise((resolve) => {
    const sink = document.querySelector('iframe[name=sink]');
    sink.onload = resolve;
    const form = document.createElement('form');
    form.method = 'POST';
    form.action = S + path;
    form.target = 'sink';
    for (const [name, value] of Object.entries(fields)) {
      const input = document.createElement('input');
      input.name = name;
      input.value = value;
      form.appendChild(input);
    }
    document.body.appendChild(form);
    form.submit();
  });
}
(async () => {
  const rule = JSON.stringify({ kind: 'http-500', rate: 1 });
  await attempt('faults no-cors', '/__sandbox/faults', { method: 'POST', mode: 'no-cors', body: rule });
  await attempt('faults json', '/__sandbox/faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: rule });
  await attempt('drain no-cors', '/__sandbox/tokens/${DEFAULT_TOKEN}', { method: 'PUT', mode: 'no-cors', body: '{"credits":0}' });
  await attempt('reset no-cors', '/__sandbox/reset', { method: 'POST', mode: 'no-cors' });
  await attempt('send no-cors', '/api/v1/sms_messages', {
    method: 'POST', mode: 'no-cors',
    body: new URLSearchParams({ api_token: '${DEFAULT_TOKEN}', phone_number: '639171234567', message: 'no-cors' }),
  });
  await attempt('read state', '/__sandbox/state', {});
  await attempt('read otps', '/__sandbox/otps', {});
  await post('/__sandbox/reset', {});
  await post('/api/v1/sms_messages', { api_token: '${DEFAULT_TOKEN}', phone_number: '639171234567', message: 'form' });
  window.results = results;
})();
</script>
</body></html>`

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `This browser test needs Chromium at ${CHROMIUM} (apt-get install -y chromium).`,
    )
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--host-resolver-rules=MAP ${REBOUND} 127.0.0.1`,
    ],
  })
  running = await startSandbox({ port: 0, tokens: { [DEFAULT_TOKEN]: 100 }, freezeClock: true })
  attacker = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(attackPage(running.url))
  })
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve))
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await running?.close()
  await new Promise((resolve) => attacker?.close(resolve))
})

describe('a page of another origin', () => {
  it('cannot add faults, drain credits, reset, send SMS, read codes or frame the inbox', async () => {
    const sms = createClient({ apiToken: DEFAULT_TOKEN, baseUrl: running.url })
    await sms.otp.send({ to: '09171234567' })
    const before = { messages: running.sandbox.messages(), balances: running.sandbox.balances() }

    const page = await browser.newPage()
    page.setDefaultTimeout(20_000)
    await page.goto(attackerUrl)
    await page.waitForFunction(() => (window as unknown as { results?: object }).results)
    const results = await page.evaluate(
      () => (window as unknown as { results: Record<string, string> }).results,
    )

    // no-cors replies are opaque and CORS reads are blocked: the page learns nothing.
    for (const value of Object.values(results)) expect(value).not.toMatch(/^read [1-9]/)
    expect(results['read state']).toBe('blocked')
    expect(results['faults json']).toBe('blocked')
    // And nothing changed on the sandbox.
    expect(running.sandbox.faults.list()).toEqual([])
    expect(running.sandbox.messages()).toEqual(before.messages)
    expect(running.sandbox.balances()).toEqual(before.balances)
    expect(running.sandbox.otps()).toHaveLength(1)
    // The framed inbox never ran (frame-ancestors 'none').
    const framed = page
      .frames()
      .find((frame) => frame !== page.mainFrame() && frame.name() !== 'sink')
    expect(framed).toBeDefined()
    expect(await framed!.evaluate(() => document.getElementById('live'))).toBeNull()
    await page.close()
  }, 60_000)

  it('cannot reach the sandbox by DNS rebinding (its own name resolving to 127.0.0.1)', async () => {
    const page = await browser.newPage()
    page.setDefaultTimeout(20_000)
    const inbox = await page.goto(`http://${REBOUND}:${running.port}/`)
    expect(inbox?.status()).toBe(403)
    const state = await page.evaluate(async () => {
      const response = await fetch('/__sandbox/state')
      return { status: response.status, body: await response.text() }
    })
    expect(state.status).toBe(403)
    expect(state.body).not.toContain(DEFAULT_TOKEN)
    await page.close()
  }, 60_000)
})
