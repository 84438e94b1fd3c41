/**
 * The clinic's calls over the wire, REST or tRPC, with each answer reduced to the same shape, so
 * one suite checks all four apps.
 */
import type { ProblemDetails } from '@iprog-sms/core/server'

export type ClinicCall = 'otp.send' | 'otp.verify' | 'session' | 'appointments' | 'announcements'

const REST_PATHS: Record<ClinicCall, string> = {
  'otp.send': '/sms/otp/send',
  'otp.verify': '/sms/otp/verify',
  session: '/api/session',
  appointments: '/api/appointments',
  announcements: '/api/announcements',
}

const TRPC_PATHS: Record<ClinicCall, string> = {
  'otp.send': '/trpc/sms.otp.send',
  'otp.verify': '/trpc/sms.otp.verify',
  session: '/trpc/clinic.signIn',
  appointments: '/trpc/clinic.book',
  announcements: '/trpc/clinic.announce',
}

export interface Answer {
  status: number
  /** The result on success (REST body, tRPC `result.data`). */
  data: Record<string, unknown> | undefined
  /**
   * The problem details on failure: the problem+json body (REST), `error.data.problem` (tRPC;
   * for tRPC's own refusals such as a parse error, just its status and code).
   */
  problem: (Partial<Omit<ProblemDetails, 'code'>> & { status: number; code?: string }) | undefined
  /** REST: the answer was `application/problem+json`. tRPC: it carried core's problem. */
  isProblemDetails: boolean
  setCookie: string | null
  /** The body as text, to check that no stack trace leaks. */
  text: string
}

export interface ClinicDriver {
  api: 'rest' | 'trpc'
  /** POSTs `body` (a value is sent as JSON; a string is sent as is). */
  call(call: ClinicCall, body: unknown, headers?: Record<string, string>): Promise<Answer>
  /** GETs the progress of a queued announcement. */
  announcement(batchId: string, headers?: Record<string, string>): Promise<Answer>
}

/**
 * @example
 * ```ts
 * const answer = await clinicDriver('rest', app.url).call('session', { phone, code })
 * ```
 */
export function clinicDriver(api: 'rest' | 'trpc', baseUrl: string): ClinicDriver {
  const paths = api === 'rest' ? REST_PATHS : TRPC_PATHS
  return {
    api,
    call: async (call, body, headers = {}) =>
      answerOf(
        api,
        await fetch(`${baseUrl}${paths[call]}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        }),
      ),
    announcement: async (batchId, headers = {}) => {
      const path =
        api === 'rest'
          ? `/api/announcements/${encodeURIComponent(batchId)}`
          : `/trpc/clinic.announcement?input=${encodeURIComponent(JSON.stringify({ batchId }))}`
      return answerOf(api, await fetch(`${baseUrl}${path}`, { headers }))
    },
  }
}

async function answerOf(api: 'rest' | 'trpc', response: Response): Promise<Answer> {
  const text = await response.text()
  const json = text ? (JSON.parse(text) as Record<string, unknown>) : {}
  const setCookie = response.headers.get('set-cookie')
  if (api === 'rest') {
    const isProblemDetails = /^application\/problem\+json/.test(
      response.headers.get('content-type') ?? '',
    )
    return {
      status: response.status,
      data: response.ok ? json : undefined,
      problem: response.ok ? undefined : (json as Answer['problem']),
      isProblemDetails,
      setCookie,
      text,
    }
  }
  const error = json['error'] as
    | { data?: { code?: string; httpStatus?: number; problem?: ProblemDetails | null } }
    | undefined
  const problem = error?.data?.problem ?? undefined
  return {
    status: response.status,
    data: error ? undefined : ((json['result'] as { data: Record<string, unknown> }).data ?? {}),
    problem: error ? (problem ?? { status: response.status, code: error.data?.code }) : undefined,
    isProblemDetails: problem !== undefined,
    setCookie,
    text,
  }
}
