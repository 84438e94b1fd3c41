/**
 * Starts an example app the way a user does (`node --import tsx src/main.ts`) as a child
 * process on a free port with no token, and reads what it prints: the app URL, the sandbox
 * inbox URL and the staff key. That inbox URL is how tests read the in-process sandbox: its
 * HTTP inspector under `/__sandbox` (see `sandbox-inspector.ts`).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'

export interface AppProcess {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  url: string
  /** The in-process sandbox (no trailing slash). */
  inboxUrl: string
  /** The random staff key the app printed. */
  staffKey: string
  /** Everything printed so far. */
  output(): string
  /** SIGTERM, then the exit code (0 for a clean stop). */
  stop(): Promise<number | null>
}

export interface ExitedProcess {
  code: number | null
  stdout: string
  stderr: string
}

/** The environment of a child: PATH and HOME only, so no token from the shell leaks in. */
function cleanEnv(env: Record<string, string>): Record<string, string> {
  const base: Record<string, string> = {}
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'SYSTEMROOT']) {
    const value = process.env[name]
    if (value !== undefined) base[name] = value
  }
  return { ...base, ...env }
}

function spawnApp(appDir: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: appDir,
    env: cleanEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

/**
 * @example
 * ```ts
 * const app = await startAppProcess(fileURLToPath(new URL('..', import.meta.url)))
 * await fetch(`${app.url}/`)
 * ```
 */
export async function startAppProcess(
  appDir: string,
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<AppProcess> {
  const child = spawnApp(appDir, { PORT: '0', ...env })
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
  })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
  })
  const banner = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`The app did not start in ${timeoutMs} ms.\n${stdout}\n${stderr}`))
    }, timeoutMs)
    const check = () => {
      if (/Ctrl-C stops it/.test(stdout)) {
        clearTimeout(timer)
        resolve(stdout)
      }
    }
    child.stdout?.on('data', check)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`The app exited with ${code} before it started.\n${stdout}\n${stderr}`))
    })
  })
  const read = (pattern: RegExp, what: string) => {
    const found = pattern.exec(banner)?.[1]
    if (found === undefined) throw new Error(`The app did not print ${what}:\n${banner}`)
    return found
  }
  return {
    url: read(/App: +(http:\/\/\S+?)\/?\s/, 'its URL'),
    inboxUrl: read(/Inbox: +(http:\/\/\S+?)\/?\s/, 'the inbox URL'),
    staffKey: read(/Staff key: +(\S+)/, 'the staff key'),
    output: () => stdout + stderr,
    async stop() {
      if (child.exitCode !== null) return child.exitCode
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      const [code] = (await exited) as [number | null]
      return code
    },
  }
}

/**
 * Runs an app that is expected to refuse to start, and answers what it printed.
 *
 * @example
 * ```ts
 * const { code, stderr } = await runAppUntilExit(appDir, { PORT: 'abc' })
 * ```
 */
export async function runAppUntilExit(
  appDir: string,
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<ExitedProcess> {
  const child = spawnApp(appDir, env)
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
  })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
  })
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  const [code] = (await once(child, 'exit')) as [number | null]
  clearTimeout(timer)
  return { code, stdout, stderr }
}
