// PLACEHOLDER (scaffold): the client issue replaces this file.
import { IprogValidationError } from './errors.js'

export type PhoneParseResult = { ok: true; value: string } | { ok: false; reason: string }

export function parsePhone(input: string): PhoneParseResult {
  const digits = String(input).replace(/\D/g, '')
  if (/^639\d{9}$/.test(digits)) return { ok: true, value: digits }
  if (/^09\d{9}$/.test(digits)) return { ok: true, value: `63${digits.slice(1)}` }
  if (/^9\d{9}$/.test(digits)) return { ok: true, value: `63${digits}` }
  return { ok: false, reason: 'Not a Philippine mobile number' }
}

export function normalizePhone(input: string): string {
  const parsed = parsePhone(input)
  if (!parsed.ok) throw new IprogValidationError(parsed.reason)
  return parsed.value
}
