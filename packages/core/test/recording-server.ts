// A tiny HTTP server for the client's integration tests: it records every request exactly as it
// arrived and replies from a per-test script (status, headers, body, delay, a dropped socket, or
// no reply at all).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach } from 'vitest'

export interface Recorded {
  method: string
  path: string
  query: Record<string, string>
  headers: IncomingMessage['headers']
  /** The body as sent, undecoded. */
  body: string
}

export interface ScriptedReply {
  status?: number
  headers?: Record<string, string>
  /** An object is sent as JSON; a string as-is. */
  body?: unknown
  /** Wait this long before replying. */
  delayMs?: number
  /** Close the socket after reading the request, without replying. */
  destroy?: boolean
  /**
   * Never reply (until the server closes): a timeout or an abort in flight with no race against
   * a reply, however loaded the machine.
   */
  hang?: boolean
}

export interface RecordingServer {
  url: string
  requests: Recorded[]
  /** Replies in order; the last one repeats for every later request. */
  script(...replies: ScriptedReply[]): void
  close(): Promise<void>
}

export async function startRecordingServer(): Promise<RecordingServer> {
  const requests: Recorded[] = []
  let replies: ScriptedReply[] = [{ body: { status: 200 } }]
  let served = 0

  const respond = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    requests.push({
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body,
    })
    const reply = replies[Math.min(served++, replies.length - 1)] ?? {}
    if (reply.hang) return
    const send = () => {
      if (reply.destroy) {
        req.socket.destroy()
        return
      }
      const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {})
      res.writeHead(reply.status ?? 200, {
        'content-type': typeof reply.body === 'string' ? 'text/html' : 'application/json',
        ...reply.headers,
      })
      res.end(text)
    }
    if (reply.delayMs) setTimeout(send, reply.delayMs)
    else send()
  }

  const server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => {
      body += chunk
    })
    req.on('end', () => respond(req, res, body))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script(...next) {
      replies = next
      served = 0
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/**
 * The recording server of one test file: started before its tests, closed after them, its
 * request log emptied before each test. Use it inside tests (it exists once started).
 */
export function useRecordingServer(): RecordingServer {
  let server: RecordingServer | undefined
  const started = () => {
    if (!server) throw new Error('The recording server starts in beforeAll: use it inside a test')
    return server
  }
  beforeAll(async () => {
    server = await startRecordingServer()
  })
  afterAll(() => server?.close())
  beforeEach(() => {
    if (server) server.requests.length = 0
  })
  return {
    get url() {
      return started().url
    },
    get requests() {
      return started().requests
    },
    script: (...replies) => started().script(...replies),
    close: () => started().close(),
  }
}

/** A URL on which nothing listens: a port that was opened and closed again. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}
