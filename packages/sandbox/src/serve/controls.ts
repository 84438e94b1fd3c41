/**
 * Every inspector and control over HTTP under `/__sandbox`, so a test in any language can drive
 * the sandbox, plus the inbox's live feed (server-sent events). A path the real gateway never
 * uses, so it cannot shadow a gateway route. A body must be declared JSON: a web page can post
 * a form or a `no-cors` fetch anywhere, but not one typed `application/json` without the
 * sandbox's consent (which it never gives), so no page can drive the controls.
 */
import { checkClockTime, toEpochMs } from '../engine/clock.js'
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

// `application/json`, or a `+json` type (`application/merge-patch+json`), any parameters.
function isJsonType(contentType: string): boolean {
  const type = contentType.split(';', 1)[0]!.trim().toLowerCase()
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'))
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
    case 'GET /batches':
      return ok(sandbox.batches())
    case 'GET /balances':
    case 'GET /tokens':
      return ok(sandbox.balances())
    case 'GET /clock':
      return ok({ now: new Date(sandbox.clock.now()).toISOString(), frozen: sandbox.clock.frozen })
    case 'POST /clock': {
      const body = readBody(request)
      // Every value checked before anything moves: a refused call changes nothing.
      const set = body.set === undefined ? undefined : toEpochMs(body.set as string | number)
      const advanceMs = body.advanceMs === undefined ? 0 : numberField(body, 'advanceMs')
      if (advanceMs < 0) throw new RangeError('"advanceMs" must be >= 0')
      checkClockTime((set ?? sandbox.clock.now()) + advanceMs)
      if (body.frozen === true) sandbox.clock.freeze()
      if (body.frozen === false) sandbox.clock.resume()
      if (set !== undefined) sandbox.clock.set(set)
      if (advanceMs > 0) sandbox.clock.advance(advanceMs)
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
 * The reply to a request under `/__sandbox`. Bad input gets 400 with `{ error }`, a body not
 * declared JSON 415.
 *
 * @example
 * ```ts
 * // curl localhost:4010/__sandbox/clock -H 'content-type: application/json' -d '{"advanceMs":300000}'
 * controlReply(sandbox, request)
 * ```
 */
export function controlReply(sandbox: Sandbox, request: SandboxRequest): HandlerReply {
  const path = request.pathname.slice(CONTROL_PREFIX.length) || '/'
  if (request.body !== '' && !isJsonType(request.contentType)) {
    return jsonReply(415, { error: 'A control body must be JSON (content-type: application/json)' })
  }
  try {
    return route(sandbox, request.method, path, request)
  } catch (error) {
    return jsonReply(400, { error: error instanceof Error ? error.message : String(error) })
  }
}
