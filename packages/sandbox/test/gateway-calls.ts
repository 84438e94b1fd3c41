// Calls the sandbox's gateway in-process, the way clients place parameters.
import { createSandbox, type Sandbox } from '../src/sandbox.js'

export const TOKEN = 'test-token-0001'
export const BASE = 'http://sandbox.test'
export const START = '2026-02-06T10:00:00+08:00'

export type Placement = 'json' | 'form' | 'query'

export async function call(
  sandbox: Sandbox,
  method: string,
  path: string,
  params: Record<string, unknown> = {},
  placement: Placement = method === 'GET' || method === 'DELETE' ? 'query' : 'json',
) {
  const url = new URL(path, BASE)
  const init: RequestInit = { method }
  if (placement === 'query') {
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, String(v))
  } else if (placement === 'json') {
    init.body = JSON.stringify(params)
    init.headers = { 'content-type': 'application/json' }
  } else {
    init.body = new URLSearchParams(params as Record<string, string>).toString()
    init.headers = { 'content-type': 'application/x-www-form-urlencoded' }
  }
  const response = await sandbox.fetch(url, init)
  const text = await response.text()
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary gateway JSON
  return { http: response.status, body: JSON.parse(text) as Record<string, any> }
}

export const make = (options: Parameters<typeof createSandbox>[0] = {}) =>
  createSandbox({
    tokens: { [TOKEN]: 20 },
    startTime: START,
    freezeClock: true,
    seed: 7,
    ...options,
  })

export const send = (sandbox: Sandbox, params: Record<string, unknown>, placement?: Placement) =>
  call(sandbox, 'POST', '/api/v1/sms_messages', { api_token: TOKEN, ...params }, placement)
