import { existsSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createClient } from '@iprog-sms/core'
import { createSmsQueue } from '@iprog-sms/core/queue'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningSandbox, startSandbox } from '../src/serve/node-server.js'

// Debian's Chromium (.ci/run installs the `chromium` package when it is missing).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts')
const TOKEN = 'browser-test-token'

let browser: Browser
let running: RunningSandbox

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The inbox browser test needs Chromium at ${CHROMIUM}. Install it with ` +
        '`apt-get install -y chromium` (.ci/run does this), or set CHROMIUM_PATH.',
    )
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  running = await startSandbox({
    port: 0,
    tokens: { [TOKEN]: 500 },
    statusDelayMs: 400,
    failNumbers: ['639189990000'],
  })
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await running?.close()
})

/**
 * The inbox page, opened and connected to its live feed; `problems` collects page errors and
 * anything its security policy blocked (it must block none of its own script or style).
 */
async function openLiveInbox() {
  const page = await browser.newPage({ viewport: { width: 1440, height: 960 } })
  page.setDefaultTimeout(20_000)
  const problems: string[] = []
  page.on('console', (message) => {
    if (/refused|content security policy/i.test(message.text())) problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push(error.message))
  await page.goto(`${running.url}/`)
  await page.locator('#live[data-state="live"]').waitFor()
  return { page, problems }
}

describe('inbox', () => {
  it('shows a message sent through the client live, without a reload, and its status settling', async () => {
    const { page, problems } = await openLiveInbox()
    // A reload would wipe this marker.
    await page.evaluate(() => {
      ;(window as unknown as { inboxMarker: number }).inboxMarker = 42
    })

    const sms = createClient({ apiToken: TOKEN, baseUrl: running.url })
    const sent = await sms.messages.send({
      to: '0917 123 4567',
      message: 'Salamat po! Natanggap na namin ang bayad mo na ₱1,250.00.',
    })

    const row = page.locator(`tr[data-message-id="${sent.messageId}"]`)
    await row.waitFor()
    await expect(row.locator('td.text').textContent()).resolves.toContain('₱1,250.00')
    await expect(row.locator('td.to').textContent()).resolves.toBe('+63 917 123 4567')
    await expect(row.textContent()).resolves.toContain('UCS-2')
    await row.locator('.pill.completed').waitFor()
    expect(
      await page.evaluate(() => (window as unknown as { inboxMarker?: number }).inboxMarker),
    ).toBe(42)
    await page.locator(`.bubble[data-message-id="${sent.messageId}"]`).waitFor()

    // Fill the rest of the page for the screenshot: bulk, a failing number, an OTP, a reminder.
    await sms.messages.sendBulk({
      to: ['09181234567', '09189990000', '639201112222'],
      message: 'Paalala: walang pasok bukas dahil sa bagyo. Stay safe!',
    })
    const otp = await sms.otp.send({ to: '09171234567' })
    await sms.reminders.create({
      to: '09171234567',
      message: 'Due na ang internet bill mo bukas.',
      scheduledAt: new Date(Date.now() + 3 * 86_400_000),
    })
    await page.locator('#otps .code', { hasText: otp.code }).waitFor()
    await page.locator('#reminders tr').first().waitFor()
    await page.locator('tr[data-to="639189990000"] .pill.failed').waitFor()
    await page.locator('#recipients button[data-to="639171234567"]').click()
    await page.locator('.bubble').nth(1).waitFor()
    expect(await page.locator('#messages tr').count()).toBe(5)
    expect(problems).toEqual([])

    mkdirSync(ARTIFACTS, { recursive: true })
    await page.screenshot({ path: join(ARTIFACTS, 'inbox.png'), fullPage: true })
    await page.close()
  }, 60_000)

  it('clears the inbox from its button', async () => {
    const page = await browser.newPage()
    page.setDefaultTimeout(20_000)
    await page.goto(`${running.url}/`)
    await page.locator('#messages tr').first().waitFor()
    await page.locator('#clear').click()
    await page.locator('#messages-empty').waitFor({ state: 'visible' })
    expect(running.sandbox.messages()).toEqual([])
    await page.close()
  }, 60_000)

  it("shows a batch of the app's queue with its progress live", async () => {
    const { page, problems } = await openLiveInbox()
    await page.locator('#batches-empty').waitFor({ state: 'visible' })

    const client = createClient({ apiToken: TOKEN, baseUrl: running.url })
    const queue = createSmsQueue({ client, chunkSize: 10, concurrency: 1, ratePerSecond: 1000 })
    const stop = running.sandbox.watchBatches(queue)
    const to = Array.from({ length: 30 }, (_, i) => `0917${String(4_000_000 + i)}`)
    await queue.enqueueBulk({ to, message: 'Clinic closed on Monday.', batchId: 'announcement-7' })

    const row = page.locator('tr[data-batch-id="announcement-7"]')
    await row.locator('td.sent', { hasText: /^30$/ }).waitFor()
    await row.locator('.state', { hasText: 'done' }).waitFor()
    expect(await row.locator('td.total').textContent()).toBe('30')
    expect(await row.locator('progress').evaluate((bar: HTMLProgressElement) => bar.value)).toBe(30)
    await expect(page.locator('#batches-empty').isHidden()).resolves.toBe(true)
    expect(problems).toEqual([])
    await page.screenshot({ path: join(ARTIFACTS, 'inbox-batches.png'), fullPage: true })
    stop()
    await queue.close()
    await page.close()
  }, 60_000)
})
