/**
 * The Web `Request -> Response` side of the service, for Hono and edge runtimes: routing over the
 * operation table, the body cap, JSON parsing and problem responses. Built on `invoke`, so every
 * rule is the one the native adapters get.
 */
import { IprogPayloadTooLargeError, IprogRouteError } from './errors.js'
import { parseJsonText, readJsonBody, requireJsonMediaType } from './json-body.js'
import { buildInput, type OperationName, resultLocation } from './operations.js'
import { problemResponse } from './problem.js'
import type { SmsService } from './service.js'

/** What the runtime knows about the connection (Node: the socket address). */
export interface FetchConnection {
  remoteAddress?: string
  /** Path parameters, when the caller's router already matched them. */
  params?: Record<string, string>
  /**
   * The body as text, for frameworks whose middleware may already have consumed the request
   * stream (Hono caches it), or that read a body of declared length faster than a Web stream.
   * A declared length over the cap is refused before it is called. Without it the stream is
   * read, capped as it arrives.
   */
  readBodyText?: () => Promise<string>
}

/**
 * Runs the operation `name` for a request whose route is already matched.
 *
 * @example
 * ```ts
 * app.post('/sms/messages', (c) => handleOperationRequest(service, 'messages.send', c.req.raw))
 * ```
 */
export async function handleOperationRequest(
  service: SmsService,
  name: OperationName,
  request: Request,
  connection: FetchConnection = {},
): Promise<Response> {
  let unreadBody = false
  try {
    const operation = service.operations.find((op) => op.name === name)
    if (operation === undefined) throw new IprogRouteError('not_found')
    const hasBody = operation.inputFrom === 'body'
    unreadBody = hasBody
    const limit = service.bodyLimitBytes
    if (hasBody) {
      requireJsonMediaType(request.headers.get('content-type'))
      // Before any read, whichever way the body is then read.
      if (Number(request.headers.get('content-length') ?? 0) > limit) {
        throw new IprogPayloadTooLargeError(limit)
      }
    }
    const body = !hasBody
      ? undefined
      : connection.readBodyText
        ? parseJsonText(await connection.readBodyText(), limit)
        : await readJsonBody(request, limit)
    unreadBody = false
    const query = hasBody ? undefined : Object.fromEntries(new URL(request.url).searchParams)
    const input = buildInput(operation, { params: connection.params, query, body })
    const result = await service.invoke(name, {
      input,
      headers: request.headers,
      ip: connection.remoteAddress,
      // Reads only: a send is never cancelled mid-flight (and on @hono/node-server, touching
      // `signal` builds a full Request per call).
      signal: operation.method === 'GET' ? request.signal : undefined,
    })
    const location = resultLocation(operation, result)
    return new Response(JSON.stringify(result), {
      status: operation.successStatus,
      // A fresh object each time: @hono/node-server writes `content-length` into the init headers
      // it is given, so a shared object would send one response's length with the next.
      headers: location
        ? { 'content-type': 'application/json', location }
        : { 'content-type': 'application/json' },
    })
  } catch (error) {
    const problem = service.toProblem(error)
    // Refused before the body was read and parsed (too large, not declared JSON, cut at the cap):
    // the server may drop the unread rest with the socket (@hono/node-server does), so say so
    // rather than let a keep-alive client send its next request into a closing connection.
    if (unreadBody) problem.headers['connection'] = 'close'
    return problemResponse(problem)
  }
}

interface CompiledRoute {
  name: OperationName
  method: string
  pattern: RegExp
  params: string[]
}

/**
 * A Web handler routing every operation under `basePath`.
 *
 * @example
 * ```ts
 * export default { fetch: createFetchHandler(service, { basePath: '/sms', openapi: true }) }
 * ```
 */
export function createFetchHandler(
  service: SmsService,
  options: { basePath: string; openapi: boolean },
): (request: Request, connection?: FetchConnection) => Promise<Response> {
  const basePath = options.basePath.replace(/\/+$/, '')
  const routes: CompiledRoute[] = service.operations.map((op) => {
    const params: string[] = []
    const source = op.path.replace(/:([A-Za-z_]\w*)/g, (_match, param: string) => {
      params.push(param)
      return '([^/]+)'
    })
    return { name: op.name, method: op.method, pattern: new RegExp(`^${source}$`), params }
  })

  return async (request, connection = {}) => {
    const pathname = new URL(request.url).pathname
    const path = pathname.startsWith(basePath) ? pathname.slice(basePath.length) || '/' : null
    if (path !== null && options.openapi && path === '/openapi.json' && request.method === 'GET') {
      return Response.json(service.openapi({ prefix: basePath }))
    }
    const allow: string[] = []
    for (const route of path === null ? [] : routes) {
      const match = route.pattern.exec(path as string)
      if (match === null) continue
      if (route.method !== request.method) {
        allow.push(route.method)
        continue
      }
      const params: Record<string, string> = {}
      route.params.forEach((param, index) => {
        params[param] = decodeSegment(match[index + 1] as string)
      })
      return handleOperationRequest(service, route.name, request, { ...connection, params })
    }
    const error = new IprogRouteError(allow.length > 0 ? 'method_not_allowed' : 'not_found', allow)
    return problemResponse(service.toProblem(error))
  }
}

// A malformed escape (`%E0%A4%A`) is left as is: validation then reports the field, not a 500.
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
