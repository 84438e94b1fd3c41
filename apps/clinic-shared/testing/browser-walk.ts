/**
 * One walk through the clinic page in Debian's Chromium (playwright-core, no bundled browser):
 * sign in with the code from the sandbox, book, then see the OTP and the confirmation in the
 * sandbox inbox and the reminder beside them. Screenshots go to the app's `artifacts/`; with
 * `UPDATE_SCREENSHOTS=1` also to `docs/screenshots/` at the repository root (the README's).
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AppProcess, startAppProcess } from './app-process.js'
import { sandboxInspector } from './sandbox-inspector.js'

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
const README_SCREENSHOTS = join(import.meta.dirname, '..', '..', '..', 'docs', 'screenshots')

export interface ClinicPageWalkOptions {
  /** The app's folder (holds `src/main.ts`); screenshots go to its `artifacts/`. */
  appDir: string
  /** Copy the screenshots to `docs/screenshots/` when `UPDATE_SCREENSHOTS=1` (one app does). */
  readmeScreenshots?: boolean
}

/**
 * @example
 * ```ts
 * describeClinicPageInBrowser('Hono', { appDir: fileURLToPath(new URL('..', import.meta.url)) })
 * ```
 */
export function describeClinicPageInBrowser(name: string, options: ClinicPageWalkOptions): void {
  describe(`the ${name} clinic page in Chromium`, () => {
    let browser: Browser
    let app: AppProcess
    const artifacts = join(options.appDir, 'artifacts')
    const shots: string[] = []
    const shoot = async (page: import('playwright-core').Page, file: string) => {
      mkdirSync(artifacts, { recursive: true })
      await page.mouse.move(0, 0) // no hover state in the picture
      await page.screenshot({ path: join(artifacts, file), fullPage: true })
      shots.push(file)
    }

    beforeAll(async () => {
      if (!existsSync(CHROMIUM)) {
        throw new Error(
          `The browser test needs Chromium at ${CHROMIUM}: \`apt-get install -y chromium\`, or set CHROMIUM_PATH.`,
        )
      }
      ;[browser, app] = await Promise.all([
        chromium.launch({
          executablePath: CHROMIUM,
          args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
        }),
        startAppProcess(options.appDir),
      ])
    }, 90_000)
    afterAll(async () => {
      await browser?.close()
      await app?.stop()
    })

    it('signs in, books, and shows the OTP and the confirmation in the sandbox inbox', async () => {
      const phone = { typed: '0917 555 0142', stored: '639175550142', shown: '+63 917 555 0142' }
      const page = await browser.newPage({ viewport: { width: 760, height: 760 } })
      page.setDefaultTimeout(30_000)
      const scriptErrors: string[] = []
      page.on('pageerror', (error) => scriptErrors.push(error.message))
      page.on('console', (message) => {
        // The refused number below is a 400 the browser logs; anything else is a fault.
        const expected = /Failed to load resource: .* status of 400/.test(message.text())
        if (message.type() === 'error' && !expected) scriptErrors.push(message.text())
      })
      await page.goto(`${app.url}/`)
      await expect(page.locator('#sandbox').isVisible()).resolves.toBe(true)
      await shoot(page, 'clinic-1-phone.png')

      // A wrong number is refused with core's own words, shown in the form.
      await page.locator('#phone').fill('0917 12')
      await page.getByRole('button', { name: 'Text me a code' }).click()
      await page.locator('#phone-step .error', { hasText: 'too short' }).waitFor()

      await page.locator('#phone').fill(phone.typed)
      await page.getByRole('button', { name: 'Text me a code' }).click()
      await page.locator('#code-step').waitFor({ state: 'visible' })
      await expect(page.locator('#code-phone').textContent()).resolves.toBe(phone.shown)
      const code = await sandboxInspector(app.inboxUrl).latestCode(phone.stored)
      await page.locator('#code').fill(code)
      await shoot(page, 'clinic-2-code.png')
      await page.getByRole('button', { name: 'Sign in' }).click()

      await page.locator('#book-step').waitFor({ state: 'visible' })
      await page.locator('#time').selectOption('10:30')
      await page.locator('#time').focus()
      await shoot(page, 'clinic-3-book.png')
      await page.getByRole('button', { name: 'Book appointment' }).click()
      await page.locator('#done-step').waitFor({ state: 'visible' })
      const ref = (await page.locator('#done-ref').textContent()) ?? ''
      expect(ref).toMatch(/^[0-9A-F]{8}$/)
      await expect(page.locator('#done-when').textContent()).resolves.toMatch(/, 10:30 AM$/)
      await shoot(page, 'clinic-4-booked.png')
      expect(scriptErrors).toEqual([])

      // The page's own link to the inbox.
      const inboxUrl = await page.locator('#inbox-link').getAttribute('href')
      expect(inboxUrl).toBe(`${app.inboxUrl}/`)
      const inbox = await browser.newPage({ viewport: { width: 1280, height: 900 } })
      inbox.setDefaultTimeout(30_000)
      await inbox.goto(inboxUrl ?? '')
      const rows = inbox.locator(`#messages tr[data-to="${phone.stored}"]`)
      await rows.nth(1).waitFor()
      const texts = await rows.locator('td.text').allTextContents()
      expect(texts.some((text) => text.includes(code))).toBe(true)
      expect(texts.some((text) => text.includes(`booked for`) && text.includes(ref))).toBe(true)
      await inbox.locator('#reminders tr', { hasText: ref }).waitFor()
      await shoot(inbox, 'inbox.png')

      if (options.readmeScreenshots && process.env['UPDATE_SCREENSHOTS'] === '1') {
        mkdirSync(README_SCREENSHOTS, { recursive: true })
        for (const file of shots)
          copyFileSync(join(artifacts, file), join(README_SCREENSHOTS, file))
      }
    }, 120_000)
  })
}
