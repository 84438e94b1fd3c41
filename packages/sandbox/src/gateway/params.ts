/**
 * The gateway merges query and body parameters (its documentation puts every parameter in the
 * query even for POST; its guide sends JSON; PHP samples send forms), the body winning.
 */
import type { SandboxRequest } from '../serve/wire.js'

export type Params = Record<string, string>

// Numbers and booleans arrive as JSON scalars (`"code_length": 6`); the gateway reads them as
// text. Arrays and objects are not parameters it knows (`phone_number` is a comma-separated
// string), so they are left out and the request is replied to as if the parameter were missing.
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}

function bodyParams(request: SandboxRequest, into: Params): void {
  const body = request.body
  if (body === '') return
  // Most clients send exactly `application/json`: no lower-cased copy for that one.
  const sent = request.contentType
  const type = sent === 'application/json' ? sent : sent.toLowerCase()
  if (type.includes('application/x-www-form-urlencoded')) {
    for (const [key, value] of new URLSearchParams(body)) into[key] = value
    return
  }
  if (type.includes('json') || (type === '' && body.trimStart().startsWith('{'))) {
    let parsed: unknown
    try {
      parsed = JSON.parse(body)
    } catch {
      return // an unreadable body carries no parameters, like a server that fails to parse it
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return
    for (const key of Object.keys(parsed)) {
      const text = scalarText((parsed as Record<string, unknown>)[key])
      if (text !== undefined) into[key] = text
    }
  }
}

/**
 * Every parameter of a request: query first, then a JSON or form body over it.
 *
 * @example
 * ```ts
 * readParams({ query: 'api_token=a&message=q', body: '{"message":"b"}', contentType: 'application/json', … })
 * // { api_token: 'a', message: 'b' }
 * ```
 */
export function readParams(request: SandboxRequest): Params {
  // No prototype: a `__proto__` parameter is just a parameter.
  const params: Params = Object.create(null)
  if (request.query !== '') {
    for (const [key, value] of new URLSearchParams(request.query)) params[key] = value
  }
  bodyParams(request, params)
  return params
}
