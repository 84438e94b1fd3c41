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
  if (input === undefined) return new Headers()
  if (Symbol.iterator in input) {
    const headers = new Headers()
    for (const [name, value] of input as Iterable<[string, string]>) headers.append(name, value)
    return headers
  }
  return new NodeRecordHeaders(input as HeaderRecord)
}

type HeaderRecord = Record<string, string | string[] | number | undefined>

function appendRecord(headers: Headers, record: HeaderRecord): void {
  for (const [name, value] of Object.entries(record)) {
    if (value === undefined) continue
    if (Array.isArray(value)) for (const item of value) headers.append(name, item)
    else headers.append(name, String(value))
  }
}

// What `Headers` strips from both ends of a value (HTTP whitespace).
const EDGE_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g

/**
 * `Headers` over a Node header record (`req.headers`) that copies the record in only when
 * something other than `get`/`has` needs the list. A hook reads one or two headers (`x-api-key`,
 * a cookie) on every request; a full copy validates and stores every header (~100 ns each, and
 * the garbage), the largest single cost the service added to a native route. `get` answers as
 * the copy would: names case-insensitive, a repeated header's values joined by `, `, each
 * value trimmed of HTTP whitespace. Every other method (and `new Headers(it)`, `fetch`, a
 * `Response`, `console.log`, which iterate it) copies first, then is plain `Headers`.
 */
class NodeRecordHeaders extends Headers {
  // The record not yet copied in; `undefined` once copied.
  #record: HeaderRecord | undefined

  constructor(record: HeaderRecord) {
    super()
    this.#record = record
  }

  #copy(): void {
    const record = this.#record
    if (record === undefined) return
    this.#record = undefined
    appendRecord(this, record)
  }

  override get(name: string): string | null {
    if (this.#record === undefined) return super.get(name)
    return headerValue(this.#record, name.toLowerCase(), trimHttpWhitespace)
  }
  override has(name: string): boolean {
    return this.get(name) !== null
  }
  override append(name: string, value: string): void {
    this.#copy()
    super.append(name, value)
  }
  override set(name: string, value: string): void {
    this.#copy()
    super.set(name, value)
  }
  override delete(name: string): void {
    this.#copy()
    super.delete(name)
  }
  override getSetCookie(): string[] {
    this.#copy()
    return super.getSetCookie()
  }
  override forEach(
    callback: (value: string, key: string, parent: Headers) => void,
    thisArg?: unknown,
  ): void {
    this.#copy()
    super.forEach(callback, thisArg)
  }
  override entries(): ReturnType<Headers['entries']> {
    this.#copy()
    return super.entries()
  }
  override keys(): ReturnType<Headers['keys']> {
    this.#copy()
    return super.keys()
  }
  override values(): ReturnType<Headers['values']> {
    this.#copy()
    return super.values()
  }
  // `new Headers(it)` and `fetch`'s init read a `Headers` through its iterator when it is not
  // the stock one (they would read the still empty list otherwise).
  override [Symbol.iterator](): ReturnType<Headers['entries']> {
    return this.entries()
  }
  // Node's `util.inspect` (console.log) shows the list: copy it first.
  [Symbol.for('nodejs.util.inspect.custom')](...args: unknown[]): unknown {
    this.#copy()
    const inspect = (Headers.prototype as unknown as Record<symbol, unknown>)[
      Symbol.for('nodejs.util.inspect.custom')
    ]
    return typeof inspect === 'function' ? inspect.apply(this, args) : this
  }
}

function trimHttpWhitespace(value: string): string {
  return value.replace(EDGE_WHITESPACE, '')
}

/**
 * One header of whatever a framework gives, without building `Headers`: `null` when absent.
 * `normalize` is applied to each value of a record before repeated values are joined.
 *
 * @example
 * ```ts
 * headerValue(req.headers, 'content-length') // '42'
 * ```
 */
export function headerValue(
  input: HeadersLike | undefined,
  name: string,
  normalize: (value: string) => string = (value) => value,
): string | null {
  if (input === undefined) return null
  if (input instanceof Headers) return input.get(name)
  if (Symbol.iterator in input) return toHeaders(input).get(name)
  const record = input as Record<string, unknown>
  // Own properties only: `constructor` or `__proto__` is not a header of a plain object.
  let value = Object.hasOwn(record, name) ? record[name] : undefined
  // Node lower-cases the names of `req.headers`; a record written by hand may not.
  if (value === undefined) {
    for (const key of Object.keys(record)) if (key.toLowerCase() === name) value = record[key]
  }
  if (value === undefined || value === null) return null
  return Array.isArray(value)
    ? value.map(String).map(normalize).join(', ')
    : normalize(String(value))
}
