/**
 * The clinic story, framework-neutral: patients sign in with an SMS code, book an appointment
 * (confirmation now, reminder 24 hours before), staff announce to every signed-in patient. Each
 * app translates its framework's request into one of these calls and answers errors with
 * `clinic.problem(error)` (core's `toProblem`), exactly as the SMS adapters do.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { type BulkRejected, IprogError, type SmsClient } from '@iprog-sms/core'
import type { BatchProgress, SmsQueue } from '@iprog-sms/core/queue'
import {
  type CounterStore,
  createSmsService,
  type HeadersLike,
  IprogForbiddenError,
  IprogUnauthorizedError,
  type ProblemResponse,
  type SmsServiceOptions,
} from '@iprog-sms/core/server'
import { REMINDER_LEAD_MS } from './appointment-time.js'
import { announcementBody, appointmentBody, parseBody, sessionBody } from './bodies.js'
import { toManilaIso } from './manila-time.js'
import { createSessions, type Patient, type Sessions } from './sessions.js'
import { isStaffKey } from './staff-key.js'
import { confirmationText, reminderText } from './texts.js'

/**
 * What announcements need of a queue: `createSmsQueue` from `@iprog-sms/core/queue` (one
 * process) or from `@iprog-sms/bullmq` (many). With a queue, the route answers at once with the
 * batch id and the queue sends at its own rate; without one, the route waits for the bulk send
 * and answers every recipient's result.
 */
export type AnnouncementQueue = Pick<SmsQueue, 'enqueueBulk' | 'batch'>

export interface ClinicOptions {
  /**
   * The SMS options the app also gives its adapter, with one `store` shared by both: the OTP
   * attempt caps then count `/sms/otp/verify` and `POST /api/session` together.
   */
  sms: Omit<SmsServiceOptions, 'authorize' | 'basePath' | 'openapi'> & { store: CounterStore }
  /** The `x-api-key` staff send with an announcement (`SMS_ROUTES_KEY`). */
  staffKey: string
  /** Announcements go through it when given. */
  queue?: AnnouncementQueue
  sessions?: Sessions
  now?: () => number
}

/** What the caller knows about the request, for the per-address OTP limit. */
export interface RequestFacts {
  headers?: HeadersLike
  /** The TCP peer (`req.socket.remoteAddress`). */
  ip?: string
}

export interface SignedIn {
  /** The session cookie's value: never put it in a response body. */
  token: string
  phone: string
}

export interface Appointment {
  id: string
  /** In Manila time, e.g. `2026-12-08T09:30:00+08:00`. */
  startsAt: string
  /** Message id of the confirmation SMS. */
  confirmationId: string
  /** Gateway id of the reminder scheduled 24 hours before. */
  reminderId: number
}

export type Announcement =
  | {
      queued: false
      recipients: number
      accepted: { to: string; messageId: string }[]
      rejected: BulkRejected[]
    }
  | { queued: true; recipients: number; batchId: string }

export interface Clinic {
  /** `POST /api/session`: checks the code with the guarded `otp.verify`, starts a session. */
  signIn(body: unknown, request: RequestFacts): Promise<SignedIn>
  /** The signed-in patient of a session token, or a 401 `IprogUnauthorizedError`. */
  patient(token: string | undefined): Patient
  /** `POST /api/appointments`: reminder scheduled, confirmation sent. */
  book(token: string | undefined, body: unknown): Promise<Appointment>
  /** `POST /api/announcements`: staff only; one SMS to every signed-in patient. */
  announce(body: unknown, apiKey: unknown): Promise<Announcement>
  /** `GET /api/announcements/:batchId`: staff only; how far a queued announcement is. */
  announcement(batchId: string, apiKey: unknown): Promise<BatchProgress>
  /** Any thrown value as problem+json (400 bad body, 401, 403, 422, 429, 502, 504...). */
  problem(error: unknown): ProblemResponse
}

/**
 * @example
 * ```ts
 * const sms = { client, store: createMemoryStore() }
 * app.use('/sms', smsRouter({ ...sms, authorize }))
 * const clinic = createClinic({ sms, staffKey: process.env.SMS_ROUTES_KEY })
 * const appointment = await clinic.book(readSessionCookie(req.headers.cookie), req.body)
 * ```
 */
export function createClinic(options: ClinicOptions): Clinic {
  const client: SmsClient = options.sms.client
  const now = options.now ?? Date.now
  const sessions = options.sessions ?? createSessions({ now })
  // The clinic only invokes `otp.verify`, which is public; nothing that spends credits is
  // reachable through this service, so it refuses every authorize check.
  const service = createSmsService({ ...options.sms, authorize: () => false })

  const clinic: Clinic = {
    async signIn(body, request) {
      const { phone, code } = parseBody(sessionBody, body)
      // Same operation as /sms/otp/verify: attempt cap per code, 422 on a wrong code.
      await service.invoke('otp.verify', {
        input: { to: phone, code },
        headers: request.headers,
        ip: request.ip,
      })
      return { token: sessions.start(phone), phone }
    },

    patient(token) {
      const patient = sessions.find(token)
      if (patient === undefined) {
        throw new IprogUnauthorizedError('Sign in first: no session, or it has expired')
      }
      return patient
    },

    async book(token, body) {
      const patient = clinic.patient(token)
      const { startsAt } = parseBody(appointmentBody(now), body)
      const id = randomBytes(4).toString('hex').toUpperCase()
      // The reminder first: it sends nothing yet, so if it fails nothing has reached the patient.
      const reminder = await client.reminders.create({
        to: patient.phone,
        message: reminderText(id, startsAt),
        scheduledAt: new Date(startsAt.getTime() - REMINDER_LEAD_MS),
      })
      try {
        const confirmation = await client.messages.send({
          to: patient.phone,
          message: confirmationText(id, startsAt),
        })
        return {
          id,
          startsAt: toManilaIso(startsAt),
          confirmationId: confirmation.messageId,
          reminderId: reminder.id,
        }
      } catch (error) {
        // The answer says the booking failed: cancel its reminder, so a retry does not leave two.
        await client.reminders.delete(reminder.id).catch(() => undefined)
        throw error
      }
    },

    async announce(body, apiKey) {
      requireStaff(apiKey)
      const { message } = parseBody(announcementBody, body)
      const to = sessions.phones()
      if (to.length === 0) return { queued: false, recipients: 0, accepted: [], rejected: [] }
      if (options.queue) {
        // A batch id per request: the queue sends each number of a batch once.
        const queued = await options.queue.enqueueBulk({ to, message, batchId: randomUUID() })
        return { queued: true, recipients: to.length, batchId: queued.batchId }
      }
      const sent = await client.messages.sendBulk({ to, message })
      return {
        queued: false,
        recipients: to.length,
        accepted: sent.accepted.map(({ to, messageId }) => ({ to, messageId })),
        rejected: sent.rejected,
      }
    },

    async announcement(batchId, apiKey) {
      requireStaff(apiKey)
      const progress = await options.queue?.batch(batchId)
      if (progress === undefined) throw new IprogError('not_found', 'No announcement with this id')
      return progress
    },

    problem: (error) => service.toProblem(error),
  }

  function requireStaff(apiKey: unknown): void {
    if (!isStaffKey(apiKey, options.staffKey)) {
      throw new IprogForbiddenError('Staff only: send the x-api-key header (SMS_ROUTES_KEY)')
    }
  }
  return clinic
}
