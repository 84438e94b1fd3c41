/** Node's `IncomingHttpHeaders` shape, or anything iterable into Web `Headers`. */
export type HeadersLike =
  | Headers
  | Record<string, string | string[] | number | undefined>
  | Iterable<[string, string]>

/**
 * Web `Headers` from whatever a framework gives, so `authorize` always sees one shape.
 *
 * @example
 * ```ts
 * toHeaders(req.headers).get('x-api-key')
 * ```
 */
export function toHeaders(input: HeadersLike | undefined): Headers {
  if (input instanceof Headers) return input
  const headers = new Headers()
  if (input === undefined) return headers
  if (Symbol.iterator in input) {
    for (const [name, value] of input as Iterable<[string, string]>) headers.append(name, value)
    return headers
  }
  for (const [name, value] of Object.entries(input)) {
    if (value === undefined) continue
    if (Array.isArray(value)) for (const item of value) headers.append(name, item)
    else headers.append(name, String(value))
  }
  return headers
}

/**
 * One header of whatever a framework gives, without building `Headers`: `null` when absent.
 *
 * @example
 * ```ts
 * headerValue(req.headers, 'content-length') // '42'
 * ```
 */
export function headerValue(input: HeadersLike | undefined, name: string): string | null {
  if (input === undefined) return null
  if (input instanceof Headers) return input.get(name)
  if (Symbol.iterator in input) return toHeaders(input).get(name)
  const record = input as Record<string, unknown>
  let value = record[name]
  // Node lower-cases the names of `req.headers`; a record written by hand may not.
  if (value === undefined) {
    for (const key of Object.keys(record)) if (key.toLowerCase() === name) value = record[key]
  }
  if (value === undefined || value === null) return null
  return Array.isArray(value) ? value.join(', ') : String(value)
}
