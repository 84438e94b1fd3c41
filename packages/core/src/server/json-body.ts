/**
 * Reading a JSON body with a size cap, Web streams only. The cap is checked against
 * `Content-Length` first and again while reading, so a chunked body without a length cannot
 * stream past it.
 */
import {
  IprogInvalidJsonError,
  IprogPayloadTooLargeError,
  IprogUnsupportedMediaTypeError,
} from './errors.js'

// `application/json` or any `application/…+json`, parameters (`; charset=utf-8`) ignored.
const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json$/

/**
 * True when a `Content-Type` declares JSON: `application/json` or `application/<x>+json`.
 *
 * @example
 * ```ts
 * isJsonMediaType('application/json; charset=utf-8') // true
 * isJsonMediaType('text/plain') // false: what a cross-site form or no-cors fetch can send
 * ```
 */
export function isJsonMediaType(contentType: string | null | undefined): boolean {
  if (!contentType) return false
  const semicolon = contentType.indexOf(';')
  const type = (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim()
  return JSON_MEDIA_TYPE.test(type.toLowerCase())
}

/**
 * The one rule for request bodies: a route that takes a body accepts only one declared JSON.
 * A browser sends a cross-site form or `no-cors` fetch only as `text/plain`, form or multipart,
 * so this keeps other sites from spending credits under cookie-based `authorize`.
 *
 * @example
 * ```ts
 * if (operation.inputFrom === 'body') requireJsonMediaType(request.headers.get('content-type'))
 * ```
 */
export function requireJsonMediaType(contentType: string | null | undefined): void {
  if (!isJsonMediaType(contentType)) throw new IprogUnsupportedMediaTypeError(contentType)
}

/**
 * True when `text` is more than `limitBytes` bytes as UTF-8, encoding only when the answer is
 * not clear from its length.
 *
 * @example
 * ```ts
 * exceedsUtf8Bytes(JSON.stringify(body), 65_536)
 * ```
 */
export function exceedsUtf8Bytes(text: string, limitBytes: number): boolean {
  // Each UTF-16 unit is 1 to 3 UTF-8 bytes: more units than the limit is surely too large, at most
  // a third of it surely fits, and only the band between needs encoding.
  return (
    text.length > limitBytes ||
    (text.length * 3 > limitBytes && new TextEncoder().encode(text).byteLength > limitBytes)
  )
}

/**
 * The parsed JSON body of `request`, or `undefined` when it has none.
 *
 * @example
 * ```ts
 * const body = await readJsonBody(request, 65_536)
 * ```
 */
export async function readJsonBody(request: Request, limitBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN)
  if (declared > limitBytes) throw new IprogPayloadTooLargeError(limitBytes)
  if (request.body === null) return undefined
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limitBytes) {
      await reader.cancel().catch(() => undefined)
      throw new IprogPayloadTooLargeError(limitBytes)
    }
    chunks.push(value)
  }
  if (size === 0) return undefined
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return parseJsonText(new TextDecoder().decode(bytes), limitBytes)
}

/**
 * Parses a body a framework already read (Hono caches bodies its middleware consumed), with the
 * same limit and errors as `readJsonBody`.
 *
 * @example
 * ```ts
 * const body = parseJsonText(await c.req.text(), 65_536)
 * ```
 */
export function parseJsonText(text: string, limitBytes: number): unknown {
  if (exceedsUtf8Bytes(text, limitBytes)) throw new IprogPayloadTooLargeError(limitBytes)
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new IprogInvalidJsonError({ cause: error })
  }
}
