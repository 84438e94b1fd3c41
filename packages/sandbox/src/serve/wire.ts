/**
 * What the sandbox reads and writes, independent of Web `Request`/`Response` and of node:http,
 * so the HTTP server can reply without building Web objects (the throughput path) and the
 * `fetch` handler can wrap the very same logic.
 */
export interface SandboxRequest {
  method: string
  /** Path without the query, e.g. `/api/v1/sms_messages`. */
  pathname: string
  /** The query string without `?` (may be empty). */
  query: string
  contentType: string
  /** The raw body as text, `''` when there is none. */
  body: string
  /** `http://host:port` the request was addressed to; absolute links in replies use it. */
  origin: string
  /**
   * The request's `Origin` header: browsers send it with every cross-origin request and every
   * POST, so a page elsewhere cannot hide where it comes from. `undefined` when absent.
   */
  callerOrigin?: string | undefined
  /** Aborted when the caller gives up (only the `fetch` handler provides one). */
  signal?: AbortSignal | undefined
}

export interface SandboxReply {
  status: number
  contentType: string
  body: string
  /** More headers, lower-case names (the inbox page's security policy). */
  headers?: Readonly<Record<string, string>> | undefined
}

/** A server-sent events stream (the inbox's live feed). */
export interface EventStreamReply {
  /** Starts the stream: `write` sends raw SSE text; the returned function stops it. */
  open(write: (chunk: string) => void): () => void
}

/** Marker: drop the connection with a reset instead of replying. */
export const RESET: unique symbol = Symbol('iprog-sms-sandbox.reset')

/** What the sandbox sends back to a request: a plain reply, a live stream, or a reset. */
export type HandlerReply = SandboxReply | EventStreamReply | typeof RESET

export const JSON_TYPE = 'application/json; charset=utf-8'

/**
 * A JSON reply.
 *
 * @example
 * ```ts
 * jsonReply(200, { status: 200, message_status: 'pending' })
 * ```
 */
export function jsonReply(status: number, body: unknown): SandboxReply {
  return { status, contentType: JSON_TYPE, body: JSON.stringify(body) }
}

/**
 * Tells a plain reply from anything else: a stream or a reset, or the value a check returns
 * when it does not refuse (a record, a checked message).
 *
 * @example
 * ```ts
 * if (isReply(reply)) res.end(reply.body)
 * const found = findReminder(state, params, id)
 * if (isReply(found)) return found
 * ```
 */
export function isReply<T extends object | symbol>(value: T | SandboxReply): value is SandboxReply {
  return typeof value === 'object' && 'body' in value
}
