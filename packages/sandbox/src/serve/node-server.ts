/**
 * `startSandbox`: the sandbox over real HTTP with node:http. Requests are read straight into the
 * sandbox's plain-data handler (no Web `Request`/`Response` per call): that keeps the sandbox
 * far above 5,000 sends/s, so it is never the bottleneck of another benchmark.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { SandboxOptions } from '../options.js'
import { createSandbox, handlerOf, type Sandbox } from '../sandbox.js'
import { allowedHosts, foreignHostMessage, hostForUrl } from './guards.js'
import { type HandlerReply, isReply, RESET, type SandboxRequest } from './wire.js'

export interface StartSandboxOptions extends SandboxOptions {
  /** Default 4010; 0 picks a free port (tests). */
  port?: number
  /**
   * Default `127.0.0.1`: the sandbox has no auth on its controls, keep it off the network. Bound
   * to a loopback address, it refuses requests addressed to any other name (DNS rebinding);
   * bound to anything else on purpose (`0.0.0.0`, a LAN address), it takes every name.
   */
  host?: string
  /** Serve this sandbox instead of creating one from the options. */
  sandbox?: Sandbox
  /** Largest request body accepted, in bytes. Default 5 MB. */
  maxBodyBytes?: number
}

export interface RunningSandbox {
  /** Base URL for a client, e.g. `http://127.0.0.1:4010`. */
  url: string
  port: number
  host: string
  sandbox: Sandbox
  /** Stops listening, drops open connections (the inbox's live feed too). */
  close(): Promise<void>
}

function write(req: IncomingMessage, res: ServerResponse, reply: HandlerReply): void {
  if (res.destroyed || res.writableEnded) return
  if (reply === RESET) {
    const socket = req.socket as Socket & { resetAndDestroy?: () => void }
    if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy()
    else socket.destroy()
    return
  }
  if (isReply(reply)) {
    res.writeHead(reply.status, {
      ...reply.headers,
      'content-type': reply.contentType,
      'content-length': Buffer.byteLength(reply.body),
    })
    res.end(reply.body)
    return
  }
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  })
  res.flushHeaders()
  const stop = reply.open((chunk) => res.write(chunk))
  res.on('close', stop)
}

/**
 * The first value of header `name` (lower case), read from the raw list: `req.headers` would
 * build an object of every header on each request, and the sandbox needs only three.
 */
function rawHeader(raw: readonly string[], name: string): string | undefined {
  for (let i = 0; i < raw.length; i += 2) {
    const key = raw[i]!
    if (key.length === name.length && key.toLowerCase() === name) return raw[i + 1]
  }
  return undefined
}

function fail(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) return void res.destroy()
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify({ status, message }))
}

/**
 * Starts a sandbox on a port.
 *
 * @example
 * ```ts
 * const running = await startSandbox({ port: 0, tokens: { 'test-token': 100 } })
 * const sms = createClient({ apiToken: 'test-token', baseUrl: running.url })
 * await running.close()
 * ```
 */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const own = options.sandbox === undefined
  const sandbox = options.sandbox ?? createSandbox(options)
  const handle = handlerOf(sandbox)
  const host = options.host ?? '127.0.0.1'
  const maxBodyBytes = options.maxBodyBytes ?? 5 * 1024 * 1024
  let fallbackOrigin = ''
  // Until the port is known (port 0), no name is allowed on a loopback address.
  let hosts = allowedHosts(host, options.port ?? 4010)

  const dispatch = (
    req: IncomingMessage,
    res: ServerResponse,
    host: string | undefined,
    body: string,
  ) => {
    const url = req.url ?? '/'
    const q = url.indexOf('?')
    const request: SandboxRequest = {
      method: req.method ?? 'GET',
      pathname: q === -1 ? url : url.slice(0, q),
      query: q === -1 ? '' : url.slice(q + 1),
      contentType: rawHeader(req.rawHeaders, 'content-type') ?? '',
      body,
      origin: host ? `http://${host}` : fallbackOrigin,
      callerOrigin: rawHeader(req.rawHeaders, 'origin'),
    }
    let reply: HandlerReply | Promise<HandlerReply>
    try {
      reply = handle(request)
    } catch {
      return fail(res, 500, 'Sandbox error')
    }
    if (reply instanceof Promise) {
      reply.then(
        (r) => write(req, res, r),
        () => fail(res, 500, 'Sandbox error'),
      )
    } else {
      write(req, res, reply)
    }
  }

  const server = createServer((req, res) => {
    const host = rawHeader(req.rawHeaders, 'host')
    if (hosts !== undefined && !hosts.has(host?.toLowerCase() ?? '')) {
      return fail(res, 403, foreignHostMessage(host))
    }
    if (req.method === 'GET' || req.method === 'HEAD') return dispatch(req, res, host, '')
    let body = ''
    let size = 0
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => {
      size += chunk.length
      if (size > maxBodyBytes) {
        fail(res, 413, 'Request body too large')
        req.destroy()
        return
      }
      body += chunk
    })
    req.on('end', () => {
      if (size <= maxBodyBytes) dispatch(req, res, host, body)
    })
  })
  // Clients such as undici keep connections alive; close them promptly on close().
  server.keepAliveTimeout = 5_000

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 4010, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  hosts = allowedHosts(host, port)
  const urlHost = host === '0.0.0.0' || host === '::' ? 'localhost' : hostForUrl(host)
  const url = `http://${urlHost}:${port}`
  fallbackOrigin = url

  return {
    url,
    port,
    host,
    sandbox,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
        if (own) sandbox.close()
      }),
  }
}
