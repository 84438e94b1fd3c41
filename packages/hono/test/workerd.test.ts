import { fileURLToPath } from 'node:url'
import { type RunningSandbox, startSandbox } from '@iprog-sms/sandbox'
import { build } from 'esbuild'
import { Miniflare } from 'miniflare'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const TOKEN = 'tok_SECRET_workerd_0c4f9e2a7b'
const KEY = 'workerd-key'

// The worker bundle, built as a Workers bundler would: no Node platform, browser/worker
// conditions. A `node:` import or a Node built-in anywhere in it would fail the build here.
async function bundleWorker(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./fixtures/worker.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser', 'import'],
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  })
  return result.outputFiles[0]?.text ?? ''
}

describe('the Hono routes in workerd', () => {
  let sandbox: RunningSandbox
  let script: string
  let mf: Miniflare

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, tokens: { [TOKEN]: 100 } })
    script = await bundleWorker()
    mf = new Miniflare({
      modules: true,
      script,
      compatibilityDate: '2024-09-23',
      bindings: { SANDBOX_URL: sandbox.url, API_TOKEN: TOKEN, ROUTES_KEY: KEY },
    })
    await mf.ready
  }, 60_000)
  afterAll(async () => {
    await mf?.dispose()
    await sandbox?.close()
  })

  it('bundles for a worker target with no Node built-ins', () => {
    expect(script.length).toBeGreaterThan(0)
    expect(script).not.toMatch(/from\s*["']node:|require\(["']node:/)
    expect(script).not.toMatch(/from\s*["'](fs|path|http|net|crypto|buffer|stream)["']/)
  })

  it('sends an SMS through the sub-app to the sandbox on loopback', async () => {
    const response = await mf.dispatchFetch('http://worker.test/sms/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: JSON.stringify({ to: '+63 917 555 0101', message: 'From workerd' }),
    })
    const text = await response.text()
    expect(response.status).toBe(201)
    expect(text).not.toContain(TOKEN)
    expect(JSON.parse(text)).toMatchObject({ to: '639175550101' })
    expect(sandbox.sandbox.messages({ to: '639175550101' }).map((m) => m.message)).toEqual([
      'From workerd',
    ])
  })

  it('refuses without the key and validates in workerd too', async () => {
    const refused = await mf.dispatchFetch('http://worker.test/sms/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: '09175550102', message: 'x' }),
    })
    expect(refused.status).toBe(403)
    await refused.arrayBuffer()
    const invalid = await mf.dispatchFetch('http://worker.test/sms/otp/send', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': '203.0.113.9' },
      body: JSON.stringify({ to: 'nope' }),
    })
    expect(invalid.status).toBe(400)
    expect(invalid.headers.get('content-type')).toBe('application/problem+json')
    expect(await invalid.json()).toMatchObject({ errors: [{ path: ['to'] }] })
  })
})
