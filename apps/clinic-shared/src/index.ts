/**
 * `@iprog-sms/clinic-shared` (private): what the four clinic example apps share, so each app's
 * own file holds only its framework's wiring. The rules are in `clinic/`, the page in `page/`,
 * startup (settings, busy port, signals, banner) in `runtime/`, the session cookie in `http/`.
 */
export { MAX_AHEAD_MS, REMINDER_LEAD_MS, startsAtSchema } from './clinic/appointment-time.js'
export { announcementBody, appointmentBody, parseBody, sessionBody } from './clinic/bodies.js'
export type {
  Announcement,
  AnnouncementQueue,
  Appointment,
  Clinic,
  ClinicOptions,
  RequestFacts,
  SignedIn,
} from './clinic/clinic.js'
export { createClinic } from './clinic/clinic.js'
export { formatManila, toManilaIso } from './clinic/manila-time.js'
export type { Patient, SessionOptions, Sessions } from './clinic/sessions.js'
export { createSessions } from './clinic/sessions.js'
export { isStaffKey } from './clinic/staff-key.js'
export { CLINIC_NAME, confirmationText, OTP_MESSAGE, reminderText } from './clinic/texts.js'
export { requireJsonBody } from './http/json-only.js'
export { noSuchRoute } from './http/no-such-route.js'
export { readSessionCookie, SESSION_COOKIE, sessionCookie } from './http/session-cookie.js'
export type { ClinicPage, ClinicPageOptions } from './page/clinic-page.js'
export { clinicPage } from './page/clinic-page.js'
export type { AppConfig } from './runtime/app-config.js'
export { AppConfigError, readAppConfig } from './runtime/app-config.js'
export type { BannerFacts } from './runtime/banner.js'
export { banner } from './runtime/banner.js'
export { closeHttpServer, startupFailure, stopOnSignals } from './runtime/startup.js'
