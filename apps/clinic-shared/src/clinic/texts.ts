/**
 * What the clinic's SMS say. Kept in GSM-7 (no ₱, no curly quotes) and under 160 characters, so
 * each is one part, one credit.
 */
import { formatManila } from './manila-time.js'

export const CLINIC_NAME = 'Kalinga Clinic'

/** The OTP text (the gateway fills in `:otp`). */
export const OTP_MESSAGE = `${CLINIC_NAME} sign-in code: :otp. It expires in 5 minutes. Never share it with anyone.`

export function confirmationText(ref: string, startsAt: Date): string {
  return `${CLINIC_NAME}: you are booked for ${formatManila(startsAt)} (ref ${ref}). We will text you a reminder the day before.`
}

export function reminderText(ref: string, startsAt: Date): string {
  return `${CLINIC_NAME} reminder: your appointment is tomorrow, ${formatManila(startsAt)} (ref ${ref}). See you!`
}
