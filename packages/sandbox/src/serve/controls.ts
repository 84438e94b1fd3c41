/**
 * Every inspector and control over HTTP under `/__sandbox`, so a test in any language can drive
 * the sandbox, plus the inbox's live feed (server-sent events). A path the real gateway never
 * uses, so it cannot shadow a gateway route.
 */
import type { FaultRule } from '../engine/faults.js'
import type { SandboxBehaviour } from '../options.js'
import type { Sandbox } from '../sandbox.js'
import { type EventStreamReply, type HandlerReply, jsonReply, type SandboxRequest } from './wire.js'

export const CONTROL_PREFIX = '/__sandbox'

const TOKEN_PATH = /^\/tokens\/([^/]+)(\/credits)?$/

function readBody(request: SandboxRequest): Record<string, unknown> {
  if (request.body.trim() === '') return {}
  const parsed: unknown = JSON.parse(request.body)
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new TypeError('The body must be a JSON object')
  }
  return parsed as Record<string, unknown>
}

function numberField(body: Record<string, unknown>, key: string): number {
  const value = body[key]
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`"${key}" must be a number`)
  }
  return value
}

/** The `?to=` of an inspector's query as an inbox filter. */
function filterFromQuery(query: string) {
  const to = new URLSearchParams(query).get('to')
  return to === null || to === '' ? undefined : { to }
}

function eventStream(sandbox: Sandbox): EventStreamReply {
  return {
    open(write) {
      // `retry` makes EventSource reconnect quickly when the sandbox restarts.
      write(`retry: 1000\nevent: snapshot\ndata: ${JSON.stringify(sandbox.snapshot())}\n\n`)
      const unsubscribe = sandbox.subscribe((event) => {
        write(`event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`)
      })
      // A comment now and then keeps proxies and idle timeouts from closing the stream.
      const keepAlive = setInterval(() => write(': keep-alive\n\n'), 15_000)
      ;(keepAlive as { unref?: () => void }).unref?.()
      return () => {
        clearInterval(keepAlive)
        unsubscribe()
      }
    },
  }
}

function route(
  sandbox: Sandbox,
  method: string,
  path: string,
  request: SandboxRequest,
): HandlerReply {
  const ok = (body: unknown) => jsonReply(200, body)
  switch (`${method} ${path}`) {
    case 'GET /events':
      return eventStream(sandbox)
    case 'GET /state':
      return ok(sandbox.snapshot())
    case 'GET /messages':
      return ok(sandbox.messages(filterFromQuery(request.query)))
    case 'DELETE /messages':
      sandbox.clearInbox()
      return ok({ cleared: true })
    case 'GET /otps':
      return ok(sandbox.otps(filterFromQuery(request.query)))
    case 'GET /reminders':
      return ok(sandbox.reminders())
    case 'GET /balances':
    case 'GET /tokens':
      return ok(sandbox.balances())
    case 'GET /clock':
      return ok({ now: new Date(sandbox.clock.now()).toISOString(), frozen: sandbox.clock.frozen })
    case 'POST /clock': {
      const body = readBody(request)
      if (body.frozen === true) sandbox.clock.freeze()
      if (body.frozen === false) sandbox.clock.resume()
      if (body.set !== undefined) sandbox.clock.set(body.set as string | number)
      if (body.advanceMs !== undefined) sandbox.clock.advance(numberField(body, 'advanceMs'))
      return ok({ now: new Date(sandbox.clock.now()).toISOString(), frozen: sandbox.clock.frozen })
    }
    case 'GET /faults':
      return ok(sandbox.faults.list())
    case 'POST /faults':
      return ok(sandbox.faults.add(readBody(request) as unknown as FaultRule))
    case 'DELETE /faults':
      sandbox.faults.clear()
      return ok({ cleared: true })
    case 'GET /config':
      return ok(sandbox.config())
    case 'PATCH /config':
    case 'POST /config':
      return ok(sandbox.configure(readBody(request) as Partial<SandboxBehaviour>))
    case 'POST /reset':
      sandbox.reset()
      return ok({ reset: true })
  }
  const token = TOKEN_PATH.exec(path)
  if (token !== null) {
    const name = decodeURIComponent(token[1]!)
    if (token[2] === undefined && method === 'PUT') {
      sandbox.setCredits(name, numberField(readBody(request), 'credits'))
      return ok({ token: name, credits: sandbox.balances()[name] })
    }
    if (token[2] === undefined && method === 'DELETE')
      return ok({ removed: sandbox.removeToken(name) })
    if (token[2] !== undefined && method === 'POST') {
      return ok({
        token: name,
        credits: sandbox.addCredits(name, numberField(readBody(request), 'amount')),
      })
    }
  }
  return jsonReply(404, { error: `No control ${method} ${CONTROL_PREFIX}${path}` })
}

/**
 * The reply to a request under `/__sandbox`. Bad input gets 400 with `{ error }`.
 *
 * @example
 * ```ts
 * // curl -X POST localhost:4010/__sandbox/clock -d '{"advanceMs":300000}'
 * controlReply(sandbox, request)
 * ```
 */
export function controlReply(sandbox: Sandbox, request: SandboxRequest): HandlerReply {
  const path = request.pathname.slice(CONTROL_PREFIX.length) || '/'
  try {
    return route(sandbox, request.method, path, request)
  } catch (error) {
    return jsonReply(400, { error: error instanceof Error ? error.message : String(error) })
  }
}
