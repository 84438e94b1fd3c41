/**
 * Startup failures a user can fix, said in one line each instead of a stack trace.
 */
import type { Server } from 'node:http'
import { AppConfigError } from './app-config.js'

/**
 * The one-line (or one line per setting) message for a failed start; `undefined` for anything
 * unexpected, which the caller prints in full (that one is a bug).
 *
 * @example
 * ```ts
 * startApp().catch((error) => {
 *   console.error(startupFailure(error) ?? error)
 *   process.exit(1)
 * })
 * ```
 */
export function startupFailure(error: unknown): string | undefined {
  if (error instanceof AppConfigError) return error.message
  // Node's listen errors carry the port they tried.
  const { code, port } = (error ?? {}) as { code?: unknown; port?: unknown }
  if (code === 'EADDRINUSE') {
    return `Port ${port} is already in use: stop what runs there, or start with PORT=<another port> (PORT=0 picks a free one).`
  }
  if (code === 'EACCES') {
    return `Port ${port} needs privileges this user lacks: use a port above 1023, e.g. PORT=3000.`
  }
  return undefined
}

/**
 * Closes the app on SIGINT/SIGTERM (in-flight requests finish, the sandbox stops) and exits 0;
 * a second signal exits at once.
 *
 * @example
 * ```ts
 * stopOnSignals(() => app.close())
 * ```
 */
export function stopOnSignals(close: () => Promise<void>): void {
  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1)
    stopping = true
    console.log(`\n${signal}: stopping...`)
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Stopping failed:', error)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

/**
 * Stops a Node HTTP server gracefully: no new connections, idle keep-alive sockets closed at
 * once, requests in flight allowed `graceMs` to finish before their sockets are cut.
 *
 * @example
 * ```ts
 * await closeHttpServer(server)
 * ```
 */
export function closeHttpServer(server: Server, graceMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const cut = setTimeout(() => server.closeAllConnections(), graceMs)
    cut.unref()
    server.close((error) => {
      clearTimeout(cut)
      if (error) reject(error)
      else resolve()
    })
    server.closeIdleConnections()
  })
}
