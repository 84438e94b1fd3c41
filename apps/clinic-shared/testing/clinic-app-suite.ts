/**
 * The clinic story checked over HTTP against one example app, started as a child process on a
 * free port with no token (so on its in-process sandbox). Every app's test file is this call.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { formatManila } from '../src/clinic/manila-time.js'
import { type AppProcess, runAppUntilExit, startAppProcess } from './app-process.js'
import { type Answer, type ClinicDriver, clinicDriver } from './clinic-driver.js'
import { type SandboxInspector, sandboxInspector } from './sandbox-inspector.js'

const DAY_MS = 86_400_000
const MANILA_MS = 8 * 3_600_000

/** `days` from now at 10:30 Manila time, as the page sends it (`YYYY-MM-DDT10:30:00+08:00`). */
export function manilaMorning(daysAhead: number): string {
  const day = new Date(Date.now() + MANILA_MS + daysAhead * DAY_MS).toISOString().slice(0, 10)
  return `${day}T10:30:00+08:00`
}

const cookieOf = (answer: Answer) => answer.setCookie?.split(';')[0] ?? ''

function expectProblem(answer: Answer, status: number, code?: string) {
  expect(answer.status, answer.text).toBe(status)
  expect(answer.problem?.status).toBe(status)
  if (code !== undefined) {
    expect(answer.problem?.code).toBe(code)
    expect(answer.isProblemDetails).toBe(true)
  }
  expect(answer.text).not.toMatch(/\bat .+:\d+:\d+|stack/i)
}

export interface ClinicAppSuiteOptions {
  /** The app's folder (holds `src/main.ts`). */
  appDir: string
  api: 'rest' | 'trpc'
}

/**
 * @example
 * ```ts
 * describeClinicApp('Express', { appDir: fileURLToPath(new URL('..', import.meta.url)), api: 'rest' })
 * ```
 */
export function describeClinicApp(name: string, options: ClinicAppSuiteOptions): void {
  describe(`the ${name} clinic app over HTTP`, () => {
    let app: AppProcess
    let sms: SandboxInspector
    let clinic: ClinicDriver
    let patientCookie = ''
    const patient = { input: '0917 123 4567', phone: '639171234567' }

    const signIn = async (input: string, phone: string) => {
      const sent = await clinic.call('otp.send', { to: input })
      expect(sent.status, sent.text).toBe(options.api === 'rest' ? 201 : 200)
      const code = await sms.latestCode(phone)
      return clinic.call('session', { phone: input, code })
    }

    beforeAll(async () => {
      app = await startAppProcess(options.appDir)
      sms = sandboxInspector(app.inboxUrl)
      clinic = clinicDriver(options.api, app.url)
    })
    afterAll(async () => {
      await app?.stop()
    })

    it('serves the page at / with a link to the sandbox inbox', async () => {
      const response = await fetch(`${app.url}/`)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toMatch(/^text\/html/)
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'")
      const html = await response.text()
      expect(html).toContain(`data-api="${options.api}"`)
      expect(html).toContain(`data-inbox="${app.inboxUrl}/"`)
      if (options.api === 'rest') {
        const documentUrl = `${app.url}/sms/openapi.json`
        const openapi = await fetch(documentUrl)
        expect(openapi.status).toBe(200)
        // As OpenAPI tools read it: paths appended to the server URL, which resolves against the
        // document's own URL (Express says `.`; Hono and Fastify give absolute paths).
        const document = (await openapi.json()) as { servers?: { url: string }[]; paths: object }
        const server = new URL(document.servers?.[0]?.url ?? '/', documentUrl).href
        const routes = Object.keys(document.paths).map((path) => server.replace(/\/$/, '') + path)
        expect(routes).toContain(`${app.url}/sms/otp/send`)
      }
    })

    it('signs in with the code the sandbox received and sets an httpOnly, SameSite=Lax cookie', async () => {
      await clinic.call('otp.send', { to: patient.input })
      const code = await sms.latestCode(patient.phone)
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(code.length, '0')
      expectProblem(
        await clinic.call('session', { phone: patient.input, code: wrong }),
        422,
        'otp_invalid',
      )

      const signedIn = await clinic.call('session', { phone: patient.input, code })
      expect(signedIn.status, signedIn.text).toBe(200)
      expect(signedIn.data).toEqual({ phone: patient.phone })
      expect(signedIn.setCookie).toMatch(/^clinic_session=[\w-]{43}; /)
      expect(signedIn.setCookie).toMatch(/; HttpOnly/)
      expect(signedIn.setCookie).toMatch(/; SameSite=Lax/)
      patientCookie = cookieOf(signedIn)
    })

    it('counts /sms/otp/verify and the sign-in against one attempt cap per code', async () => {
      const capped = { input: '0920 111 2222', phone: '639201112222' }
      await clinic.call('otp.send', { to: capped.input })
      const code = await sms.latestCode(capped.phone)
      const wrong = code === '000000' ? '111111' : '000000'
      for (let attempt = 0; attempt < 3; attempt++) {
        expectProblem(await clinic.call('otp.verify', { to: capped.input, code: wrong }), 422)
      }
      for (let attempt = 0; attempt < 2; attempt++) {
        expectProblem(await clinic.call('session', { phone: capped.input, code: wrong }), 422)
      }
      // The sixth attempt, even with the right code, is past the cap of 5.
      expectProblem(
        await clinic.call('session', { phone: capped.input, code }),
        429,
        'otp_attempts_exceeded',
      )
    })

    it('books: the confirmation is in the inbox, the reminder is set 24 hours before in Manila time', async () => {
      const startsAt = manilaMorning(3)
      const booked = await clinic.call('appointments', { startsAt }, { cookie: patientCookie })
      expect(booked.status, booked.text).toBe(options.api === 'rest' ? 201 : 200)
      expect(booked.data).toEqual({
        id: expect.stringMatching(/^[0-9A-F]{8}$/),
        startsAt,
        confirmationId: expect.stringMatching(/^iSms-/),
        reminderId: expect.any(Number),
      })
      const { id, confirmationId, reminderId } = booked.data as Record<string, string | number>

      const inbox = await sms.messages(patient.phone)
      const confirmation = inbox.find((message) => message.id === confirmationId)
      expect(confirmation?.message).toContain(formatManila(new Date(startsAt)))
      expect(confirmation?.message).toContain(`ref ${id}`)

      const reminder = (await sms.reminders()).find((r) => r.id === reminderId)
      const dayBefore = new Date(Date.parse(startsAt) - DAY_MS + MANILA_MS)
        .toISOString()
        .slice(0, 10)
      expect(reminder).toMatchObject({ phone_number: patient.phone, status: 'scheduled' })
      expect(reminder?.scheduled_at).toMatch(new RegExp(`^${dayBefore}T10:30:00(\\.000)?\\+08:00$`))
      expect(reminder?.message).toContain(`ref ${id}`)
    })

    it('refuses to book without a session (401) and too soon or in the past (400)', async () => {
      expectProblem(
        await clinic.call('appointments', { startsAt: manilaMorning(3) }),
        401,
        'unauthorized',
      )
      const signedIn = { cookie: patientCookie }
      const soon = new Date(Date.now() + 23 * 3_600_000).toISOString()
      const past = new Date(Date.now() - 60_000).toISOString()
      for (const startsAt of [soon, past]) {
        const answer = await clinic.call('appointments', { startsAt }, signedIn)
        expectProblem(answer, 400, 'validation_error')
        expect(answer.problem?.errors?.[0]?.path).toEqual(['startsAt'])
      }
    })

    it('answers a gateway failure while booking as 502 problem details, and sends nothing', async () => {
      const before = (await sms.messages(patient.phone)).length
      await sms.addFault({ kind: 'http-500', path: '/api/v1/message-reminders' })
      const answer = await clinic.call(
        'appointments',
        { startsAt: manilaMorning(4) },
        { cookie: patientCookie },
      )
      expectProblem(answer, 502, 'api_error')
      expect(await sms.messages(patient.phone)).toHaveLength(before)
    })

    it('queues an announcement to every signed-in patient, only with the staff key', async () => {
      const other = { input: '0918 765 4321', phone: '639187654321' }
      expect((await signIn(other.input, other.phone)).status).toBe(200)
      const message = { message: 'Kalinga Clinic is closed on Monday, 8 Dec. Salamat po!' }

      expectProblem(await clinic.call('announcements', message), 403, 'forbidden')
      expectProblem(
        await clinic.call('announcements', message, { 'x-api-key': `${app.staffKey}x` }),
        403,
        'forbidden',
      )
      const staff = { 'x-api-key': app.staffKey }
      const queued = await clinic.call('announcements', message, staff)
      expect(queued.status, queued.text).toBe(options.api === 'rest' ? 202 : 200)
      expect(queued.data).toEqual({
        queued: true,
        recipients: 2,
        batchId: expect.stringMatching(/^[\w-]{36}$/),
      })
      const batchId = String(queued.data?.['batchId'])
      expectProblem(await clinic.announcement(batchId), 403, 'forbidden')
      expectProblem(await clinic.announcement('no-such-batch', staff), 404, 'not_found')

      // The queue sends in the background; its progress says when.
      let progress = await clinic.announcement(batchId, staff)
      for (let poll = 0; poll < 300 && progress.data?.['sent'] !== 2; poll++) {
        await new Promise((resolve) => setTimeout(resolve, 100))
        progress = await clinic.announcement(batchId, staff)
      }
      expect(progress.data).toMatchObject({ batchId, total: 2, sent: 2, failed: 0, unknown: 0 })
      // The app hands its queue to the sandbox: the inbox lists the batch with the same counts.
      await vi.waitFor(
        async () => {
          const listed = await (await fetch(`${app.inboxUrl}/__sandbox/batches`)).json()
          expect(listed).toContainEqual(
            expect.objectContaining({ batchId, total: 2, sent: 2, failed: 0, unknown: 0 }),
          )
        },
        { timeout: 10_000, interval: 50 },
      )
      for (const phone of [patient.phone, other.phone]) {
        const texts = (await sms.messages(phone)).map((m) => m.message)
        expect(texts).toContain(message.message)
      }
    })

    it('answers a bad body on every own route with 400 problem details', async () => {
      const asPatient = { cookie: patientCookie }
      const asStaff = { 'x-api-key': app.staffKey }
      const missing = await clinic.call('session', {})
      expectProblem(missing, 400, 'validation_error')
      expect(missing.problem?.errors?.map((e) => e.path[0]).sort()).toEqual(['code', 'phone'])
      expectProblem(await clinic.call('session', { phone: '12345', code: '123456' }), 400)
      expectProblem(await clinic.call('appointments', { startsAt: 5 }, asPatient), 400)
      expectProblem(
        await clinic.call('appointments', { startsAt: '2030-01-31 09:00' }, asPatient),
        400,
      )
      expectProblem(await clinic.call('announcements', { message: ' ' }, asStaff), 400)
      expectProblem(await clinic.call('announcements', [], asStaff), 400)
      for (const call of ['session', 'appointments', 'announcements'] as const) {
        const headers = call === 'announcements' ? asStaff : asPatient
        expectProblem(await clinic.call(call, '{"cut', headers), 400)
        // A cross-site form can send only text/plain, form or multipart: refused before parsing.
        const asForm = { ...headers, 'content-type': 'text/plain' }
        const body = JSON.stringify({ message: 'hi', startsAt: manilaMorning(3) })
        expectProblem(await clinic.call(call, body, asForm), 415)
      }
    })

    it('says in one line that its port is busy', async () => {
      const port = new URL(app.url).port
      const { code, stdout, stderr } = await runAppUntilExit(options.appDir, { PORT: port })
      expect(code).toBe(1)
      expect(stdout).toBe('')
      expect(stderr.trim()).toBe(
        `Port ${port} is already in use: stop what runs there, or start with PORT=<another port> (PORT=0 picks a free one).`,
      )
    })

    it('stops cleanly on SIGTERM', async () => {
      expect(await app.stop()).toBe(0)
    })
  })
}
