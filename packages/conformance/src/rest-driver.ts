/**
 * Calls operations over real HTTP the way a browser would, from the operation table itself (no
 * route listed by hand here either). Every answer is recorded so the suite can check that none
 * leaks the token or a stack.
 */
import { createOperations } from '@iprog-sms/core/internal'
import type { OperationName } from '@iprog-sms/core/server'

/** One HTTP answer, body parsed when it is JSON. */
export interface Outcome {
  status: number
  headers: Headers
  // biome-ignore lint/suspicious/noExplicitAny: assertions walk arbitrary JSON
  body: any
  text: string
}

/** How scenarios reach an adapter. A non-REST adapter (tRPC) can implement `call` its own way. */
export interface Driver {
  /** Runs an operation with this input; path parameters are taken from the input. */
  call(
    operation: OperationName,
    input?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<Outcome>
}

/** A REST driver plus raw HTTP access under the same base URL. */
export interface RestDriver extends Driver {
  baseUrl: string
  /** A request to `baseUrl + path`, answers recorded like every other. */
  request(path: string, init?: RequestInit): Promise<Outcome>
  /** Every answer so far. */
  readonly outcomes: Outcome[]
}

const routes = new Map(
  createOperations({ maxBulkRecipients: 1, withQueue: true }).map((op) => [op.name, op]),
)

/**
 * A driver for a REST adapter mounted at `baseUrl` (origin and prefix).
 *
 * @example
 * ```ts
 * const driver = createRestDriver('http://127.0.0.1:3000/sms')
 * await driver.call('messages.send', { to: '09171234567', message: 'hi' }, { 'x-api-key': key })
 * ```
 */
export function createRestDriver(baseUrl: string): RestDriver {
  const outcomes: Outcome[] = []
  const request = async (path: string, init: RequestInit = {}): Promise<Outcome> => {
    const response = await fetch(baseUrl + path, init)
    const text = await response.text()
    let body: unknown = text
    try {
      body = text === '' ? undefined : JSON.parse(text)
    } catch {}
    const outcome = { status: response.status, headers: response.headers, body, text }
    outcomes.push(outcome)
    return outcome
  }
  return {
    baseUrl,
    outcomes,
    request,
    call(operation, input = {}, headers = {}) {
      const route = routes.get(operation)
      if (route === undefined) throw new Error(`unknown operation ${operation}`)
      const rest: Record<string, unknown> = { ...input }
      const path = route.path.replace(/:(\w+)/g, (_match, name: string) => {
        const value = rest[name]
        delete rest[name]
        return encodeURIComponent(String(value))
      })
      if (route.inputFrom === 'query') {
        const query = new URLSearchParams(rest as Record<string, string>).toString()
        return request(query ? `${path}?${query}` : path, { method: route.method, headers })
      }
      return request(path, {
        method: route.method,
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(rest),
      })
    },
  }
}
