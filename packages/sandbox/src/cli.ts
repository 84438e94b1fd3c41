/**
 * `iprog-sms-sandbox`: starts the sandbox from a shell and prints what a client needs.
 */
import { parseArgs } from 'node:util'
import { DEFAULT_CREDITS, DEFAULT_TOKEN } from './options.js'
import { startSandbox } from './serve/node-server.js'

const HELP = `Usage: iprog-sms-sandbox [options]

A local look-alike of the IPROG SMS gateway with a live web inbox.

Options:
  --port <n>              Port to listen on (default 4010, 0 = any free port)
  --host <host>           Interface to bind (default 127.0.0.1: only requests to
                          127.0.0.1, localhost or [::1] are answered)
  --token <token>         API token the sandbox accepts (default ${DEFAULT_TOKEN})
  --credits <n>           Credits of that token (default ${DEFAULT_CREDITS})
  --status-delay <ms>     Time a message stays pending (default 2000)
  --mirror-http-status    Repeat the body's error code in the HTTP status
  -h, --help              Show this help

Controls: /__sandbox/* (see the README). Stop with Ctrl-C.
`

function fail(message: string): never {
  process.stderr.write(`iprog-sms-sandbox: ${message}\n\n${HELP}`)
  process.exit(2)
}

function readNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) fail(`--${name} must be a number >= 0`)
  return n
}

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  token: { type: 'string' },
  credits: { type: 'string' },
  'status-delay': { type: 'string' },
  'mirror-http-status': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

function readArgs() {
  try {
    return parseArgs({ options: OPTIONS, strict: true }).values
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error))
  }
}

async function main(): Promise<void> {
  const values = readArgs()
  if (values.help) {
    process.stdout.write(HELP)
    return
  }
  const token = values.token ?? DEFAULT_TOKEN
  if (token.trim() === '') fail('--token cannot be empty')
  const port = readNumber(values.port, 'port', 4010)
  if (!Number.isInteger(port) || port > 65535) fail('--port must be an integer from 0 to 65535')

  let running: Awaited<ReturnType<typeof startSandbox>>
  try {
    running = await startSandbox({
      port,
      host: values.host ?? '127.0.0.1',
      tokens: { [token]: readNumber(values.credits, 'credits', DEFAULT_CREDITS) },
      statusDelayMs: readNumber(values['status-delay'], 'status-delay', 2000),
      httpStatusMirrorsBody: values['mirror-http-status'] ?? false,
    })
  } catch (error) {
    const code = (error as { code?: string }).code
    fail(code === 'EADDRINUSE' ? `port ${port} is in use; try --port 0` : String(error))
  }

  process.stdout.write(
    [
      'IPROG SMS sandbox is running.',
      `  Base URL: ${running.url}`,
      `  Token:    ${token}`,
      `  Inbox:    ${running.url}/`,
      '',
      `  IPROG_SMS_BASE_URL=${running.url} IPROG_SMS_API_TOKEN=${token}`,
      '',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  )

  const stop = () => {
    void running.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

void main()
