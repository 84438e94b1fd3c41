/**
 * The attack families, in run order, and the loop that runs them against one checkout. Each
 * family is `async (co) => rows[]`, starts its own sandbox and servers and closes them.
 */
import { execFileSync } from 'node:child_process'
import { loadCheckout } from '../checkout.mjs'
import { consoleCapture } from '../leaks.mjs'
import { crossSite } from './cross-site.mjs'
import { fuzz } from './fuzz.mjs'
import { maybeDelivered } from './maybe-delivered.mjs'
import { oddAnswers } from './odd-answers.mjs'
import { otp } from './otp.mjs'
import { redaction } from './redaction.mjs'
import { redirects } from './redirects.mjs'
import { resources } from './resources.mjs'
import { sandboxLaptop } from './sandbox-laptop.mjs'

export const FAMILIES = {
  fuzz,
  'cross-site': crossSite,
  'odd-answers': oddAnswers,
  'maybe-delivered': maybeDelivered,
  redirects,
  redaction,
  otp,
  resources,
  sandbox: sandboxLaptop,
}

/**
 * @example
 * ```js
 * const { rows } = await runFamilies('/work/wt/before', ['fuzz'])
 * ```
 */
export async function runFamilies(dir, names) {
  const co = loadCheckout(dir)
  const commit = execFileSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD']).toString().trim()
  const started = performance.now()
  const rows = []
  for (const name of names) {
    const family = FAMILIES[name]
    if (family === undefined) throw new Error(`unknown family ${name}`)
    const t0 = performance.now()
    consoleCapture.hookConsole()
    try {
      rows.push(...(await family(co)))
    } finally {
      consoleCapture.unhookConsole()
    }
    process.stderr.write(`[${commit}] ${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s\n`)
  }
  const seconds = Math.round((performance.now() - started) / 1000)
  return { checkout: dir, commit, seconds, rows }
}
