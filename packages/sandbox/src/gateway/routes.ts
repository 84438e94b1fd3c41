/**
 * The gateway's routes under /api/v1: same paths and methods as the real one.
 */
import { jsonReply, type SandboxReply, type SandboxRequest } from '../serve/wire.js'
import type { SandboxState } from '../state.js'
import { creditsEndpoint } from './credits.js'
import { bulkEndpoint, sendEndpoint, statusEndpoint } from './messages.js'
import { otpSendEndpoint, otpVerifyEndpoint } from './otp.js'
import { readParams } from './params.js'
import { reminderByIdEndpoint, reminderCreateEndpoint } from './reminders.js'

const REMINDER_PATH = /^\/api\/v1\/message-reminders\/(\d+)$/

// Rails answers an unknown route with 404; the body here is JSON so a test can read it.
const notFound = () => jsonReply(404, { status: 404, message: 'Not Found' })

/**
 * The reply to one gateway request (a path under `/api/`).
 *
 * @example
 * ```ts
 * gatewayReply(state, { method: 'GET', pathname: '/api/v1/account/sms_credits', query: 'api_token=t', … })
 * ```
 */
export function gatewayReply(state: SandboxState, request: SandboxRequest): SandboxReply {
  const { method } = request
  // Rails ignores one trailing slash.
  const path =
    request.pathname.length > 1 && request.pathname.endsWith('/')
      ? request.pathname.slice(0, -1)
      : request.pathname
  switch (path) {
    case '/api/v1/sms_messages':
      return method === 'POST' ? sendEndpoint(state, request, readParams(request)) : notFound()
    case '/api/v1/sms_messages/send_bulk':
      return method === 'POST' ? bulkEndpoint(state, request, readParams(request)) : notFound()
    case '/api/v1/sms_messages/status':
      return method === 'GET' || method === 'POST'
        ? statusEndpoint(state, readParams(request))
        : notFound()
    // The documentation says `account`, the guide `accounts`: both work.
    case '/api/v1/account/sms_credits':
    case '/api/v1/accounts/sms_credits':
      return method === 'GET' || method === 'POST'
        ? creditsEndpoint(state, readParams(request))
        : notFound()
    case '/api/v1/otp/send_otp':
      return method === 'POST' ? otpSendEndpoint(state, readParams(request)) : notFound()
    case '/api/v1/otp/verify_otp':
      return method === 'POST' ? otpVerifyEndpoint(state, readParams(request)) : notFound()
    case '/api/v1/message-reminders':
      return method === 'POST' ? reminderCreateEndpoint(state, readParams(request)) : notFound()
  }
  const reminder = REMINDER_PATH.exec(path)
  if (reminder === null) return notFound()
  return reminderByIdEndpoint(state, method, readParams(request), Number(reminder[1])) ?? notFound()
}
