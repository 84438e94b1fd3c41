// Starts worker-process.mjs as a child process and waits until its BullMQ worker is connected.
import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const SCRIPT = fileURLToPath(new URL('./worker-process.mjs', import.meta.url))

export interface WorkerProcess {
  child: ChildProcess
  /** SIGTERM and wait for the graceful exit. */
  stop(): Promise<void>
  /** SIGKILL: no cleanup of any kind, as a crash. */
  kill(): Promise<void>
}

/** Forks a worker with these environment values added. */
export async function spawnWorker(env: Record<string, string>): Promise<WorkerProcess> {
  const child = fork(SCRIPT, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve())
    child.once('exit', (code) => reject(new Error(`worker process exited early (${code})`)))
  })
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name)
    await exited
  }
  return { child, stop: () => signal('SIGTERM'), kill: () => signal('SIGKILL') }
}
