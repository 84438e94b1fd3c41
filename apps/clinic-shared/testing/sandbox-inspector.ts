/**
 * Reads the app's in-process sandbox over its HTTP inspector (`/__sandbox/...`, see the
 * sandbox README), the way a test in any language would.
 */

export interface InboxMessage {
  id: string
  to: string
  message: string
  source: string
  status: string
}

export interface InboxReminder {
  id: number
  phone_number: string
  message: string
  /** Manila time with offset, e.g. `2026-12-07T09:30:00.000+08:00`. */
  scheduled_at: string
  status: string
}

export interface SandboxInspector {
  /** The latest OTP code sent to a number (`639…`). */
  latestCode(phone: string): Promise<string>
  messages(phone?: string): Promise<InboxMessage[]>
  reminders(): Promise<InboxReminder[]>
  /** Adds a fault rule (`{ kind: 'gateway-error', path: '/api/v1/sms_messages' }`). */
  addFault(rule: Record<string, unknown>): Promise<void>
}

/**
 * @example
 * ```ts
 * const code = await sandboxInspector(app.inboxUrl).latestCode('639171234567')
 * ```
 */
export function sandboxInspector(inboxUrl: string): SandboxInspector {
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${inboxUrl}/__sandbox${path}`)
    if (!response.ok) throw new Error(`GET /__sandbox${path} answered ${response.status}`)
    return (await response.json()) as T
  }
  return {
    async latestCode(phone) {
      const codes = await get<{ code: string }[]>(`/otps?to=${phone}`)
      const latest = codes.at(-1)
      if (latest === undefined) throw new Error(`No OTP was sent to ${phone}`)
      return latest.code
    },
    messages: (phone) => get(phone ? `/messages?to=${phone}` : '/messages'),
    reminders: () => get('/reminders'),
    async addFault(rule) {
      const response = await fetch(`${inboxUrl}/__sandbox/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(rule),
      })
      if (!response.ok) throw new Error(`POST /__sandbox/faults answered ${response.status}`)
    },
  }
}
