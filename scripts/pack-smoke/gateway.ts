// What every README snippet receives: the sandbox gateway the smoke started from the sandbox
// tarball's bin, and a way to fail with the snippet's name.
export interface Gateway {
  url: string
  token: string
}

export function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`smoke: ${what}`)
}

export const ROUTES_KEY = 'smoke-routes-key'

/** A JSON response body as a plain record (fetch's `json()` is `unknown` under @types/node). */
export async function body(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>
}
