// A tiny HTTP server for the client's integration tests: it records every request exactly as it
// arrived and answers from a per-test script (status, headers, body, delay, or a dropped socket).
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

export interface Answer {
  status?: number
  headers?: Record<string, string>
  /** An object is sent as JSON; a string as-is. */
  body?: unknown
  /** Wait this long before answering (for timeouts). */
  delayMs?: number
  /** Close the socket after reading the request, without answering. */
  destroy?: boolean
}

export interface RecordingServer {
  url: string
  requests: Recorded[]
  /** Answers in order; the last one repeats for every later request. */
  script(...answers: Answer[]): void
  close(): Promise<void>
}

export async function startRecordingServer(): Promise<RecordingServer> {
  const requests: Recorded[] = []
  let answers: Answer[] = [{ body: { status: 200 } }]
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
    const answer = answers[Math.min(served++, answers.length - 1)] ?? {}
    const send = () => {
      if (answer.destroy) {
        req.socket.destroy()
        return
      }
      const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {})
      res.writeHead(answer.status ?? 200, {
        'content-type': typeof answer.body === 'string' ? 'text/html' : 'application/json',
        ...answer.headers,
      })
      res.end(text)
    }
    if (answer.delayMs) setTimeout(send, answer.delayMs)
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
      answers = next
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
    script: (...answers) => started().script(...answers),
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
