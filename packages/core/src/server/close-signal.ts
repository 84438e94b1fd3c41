/**
 * The abort signal of a Node-style response (Express, Fastify): it fires when the connection
 * closes before the answer was written, so a read the caller no longer waits for stops too.
 * Typed by shape, so core imports nothing from Node.
 */

/** The two members of Node's `ServerResponse` the signal needs. */
export interface ClosableResponse {
  once(event: 'close', listener: () => void): unknown
  readonly writableFinished: boolean
}

/**
 * An `AbortSignal` that aborts when `response` closes unfinished.
 *
 * @example
 * ```ts
 * service.invoke('messages.status', { input, signal: closeSignal(res) })
 * ```
 */
export function closeSignal(response: ClosableResponse): AbortSignal {
  const controller = new AbortController()
  response.once('close', () => {
    if (!response.writableFinished) controller.abort()
  })
  return controller.signal
}
