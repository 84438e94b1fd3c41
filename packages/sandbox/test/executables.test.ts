import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'

// The committed launcher, as `npx iprog-sms-sandbox` runs it (it imports the built dist/cli.js).
const BIN = fileURLToPath(new URL('../bin/iprog-sms-sandbox.js', import.meta.url))
let child: ChildProcess | undefined

afterEach(() => {
  if (child?.exitCode === null) child.kill('SIGKILL')
  child = undefined
})

function run(args: string[], env: Record<string, string> = {}) {
  child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  })
  let stdout = ''
  let stderr = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
  })
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
  })
  const exited = once(child, 'exit').then(([code]) => code as number | null)
  const waitFor = async (needle: string) => {
    while (!stdout.includes(needle)) {
      if (child!.exitCode !== null) throw new Error(`exited early: ${stderr}`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    return stdout
  }
  return { child, exited, waitFor, output: () => ({ stdout, stderr }) }
}

describe('iprog-sms-sandbox', () => {
  it('prints the base URL and token, serves that token, and exits 0 on Ctrl-C', async () => {
    const cli = run([BIN, '--port', '0', '--token', 'cli-token', '--credits', '7'])
    const out = await cli.waitFor('Press Ctrl-C')
    const url = /Base URL: (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1]
    expect(url).toBeDefined()
    expect(out).toContain('Token:    cli-token')
    const body = await (await fetch(`${url}/api/v1/account/sms_credits?api_token=cli-token`)).json()
    expect(body.data).toEqual({ load_balance: 7 })
    cli.child.kill('SIGINT')
    expect(await cli.exited).toBe(0)
  })

  it('shows help', async () => {
    const cli = run([BIN, '--help'])
    expect(await cli.exited).toBe(0)
    expect(cli.output().stdout).toContain('--status-delay')
  })

  it('refuses an unknown option with exit code 2', async () => {
    const cli = run([BIN, '--colour'])
    expect(await cli.exited).toBe(2)
    expect(cli.output().stderr).toMatch(/Unknown option/)
  })
})
