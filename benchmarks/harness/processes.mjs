// Fresh Node processes for the harness: the parent re-runs the bench file with
// `--harness <bench id> <role> [upstream URL]`; the child does its one job and reports one line
// `@@harness <json>` on stdout. Everything else a child prints is kept and shown only if it fails.
import { execFileSync, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const MARK = '@@harness '

/** `{ bench, role, upstream }` when this process is a harness child, else `undefined`. */
export function childRole() {
  const at = process.argv.indexOf('--harness')
  if (at < 0) return undefined
  const [bench, role, upstream] = process.argv.slice(at + 1)
  return { bench, role, upstream: upstream || undefined }
}

/** Whether this process is a harness child: top-level code a child must not run can check it. */
export const isHarnessChild = () => childRole() !== undefined

/** Child side: hand the parent its answer. */
export function report(value) {
  process.stdout.write(`${MARK}${JSON.stringify(value)}\n`)
}

/**
 * Child side of a child started with `ipc: true`: runs `answer(command)` for each command the
 * parent sends (`ask`) and sends back what it resolves to, one command at a time.
 */
export function answerCommands(answer) {
  let queue = Promise.resolve()
  process.on('message', (command) => {
    queue = queue.then(async () => process.send(await answer(command)))
  })
}

/**
 * Parent side: starts `script` as a child in `role` and resolves to its first report, with
 * `stop()` to end it and its `pid` (a server child keeps running until stopped; a measuring child exits).
 * With `ipc: true` it also has `ask(command)`, which resolves to the child's answer (see
 * `answerCommands`) or rejects if the child exits first.
 * Rejects if the child exits before reporting, with what it printed.
 */
export function startChild({
  script,
  bench,
  role,
  upstream,
  children,
  nodeArgs = [],
  ipc = false,
}) {
  const file = fileURLToPath(script)
  const args = [...nodeArgs, file, '--harness', bench, role]
  if (upstream) args.push(upstream)
  const child = spawn(process.execPath, args, {
    cwd: dirname(file),
    stdio: ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    env: process.env,
  })
  children?.add(child)
  let output = ''
  let reported = false
  const ask = (command) =>
    new Promise((resolve, reject) => {
      const onExit = (code, signal) => {
        child.off('message', onMessage)
        reject(new Error(`${role} child exited with ${code ?? signal}:\n${output.trim()}`))
      }
      const onMessage = (answer) => {
        child.off('exit', onExit)
        resolve(answer)
      }
      child.once('message', onMessage)
      child.once('exit', onExit)
      child.send(command)
    })
  const stop = () => {
    children?.delete(child)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
  }
  return new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk
      if (reported) return
      const start = output.indexOf(MARK)
      const end = start < 0 ? -1 : output.indexOf('\n', start)
      if (end < 0) return
      reported = true
      const value = JSON.parse(output.slice(start + MARK.length, end))
      resolve({ value, stop, pid: child.pid, ...(ipc && { ask }) })
    }
    child.stdout.setEncoding('utf8').on('data', onData)
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      output += chunk
    })
    child.once('error', reject)
    child.once('exit', (code, signal) => {
      children?.delete(child)
      if (!reported) {
        reject(new Error(`${role} child exited with ${code ?? signal}:\n${output.trim()}`))
      }
    })
  })
}

/** Stops every child still running (for a `finally`). */
export function stopAll(children) {
  for (const child of children) child.kill('SIGTERM')
  children.clear()
}

let ticksPerSecond
/** The kernel's clock ticks a second, the unit of /proc's CPU times. */
export function clockTicksPerSecond() {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100
  return ticksPerSecond
}
/**
 * CPU time (user + system) a child has used so far, in ms, from /proc (Linux), in steps of one
 * clock tick (10 ms here); with `mainThread`, only its main (JavaScript) thread's, without the
 * GC and JIT helper threads. `undefined` where /proc is not there.
 */
export function childCpuMs(pid, { mainThread = false } = {}) {
  try {
    const stat = readFileSync(
      mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`,
      'utf8',
    )
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicksPerSecond()
  } catch {
    return undefined
  }
}
