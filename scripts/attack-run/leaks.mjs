/**
 * Token leak detection: the literal token, its URL-encoded form, and any case (an upper-cased
 * echo is the same secret). Log lines are captured from the adapters' `logger` and from the
 * console, so "never in a log" is checked too.
 */

/**
 * @example
 * ```js
 * const leaks = leakCounter('tok_SECRET_x')
 * leaks.check(answer.text) // true when the token is in it
 * ```
 */
export function leakCounter(token) {
  const forms = [...new Set([token, encodeURIComponent(token), token.replace(/ /g, '+')])].map(
    (form) => form.toLowerCase(),
  )
  return {
    token,
    check(text) {
      if (text === undefined || text === null) return false
      const lower = String(text).toLowerCase()
      return forms.some((form) => lower.includes(form))
    },
  }
}

/**
 * Every `console.*` line of the run (frameworks' own error handlers print there), kept apart
 * from the adapters' `logger` lines; `runFamilies` hooks it around the families.
 */
export const consoleCapture = createLogCapture()

/** Everything logged while it runs: the adapters' `logger` option and `console.*`. */
export function createLogCapture() {
  const lines = []
  const logger = {
    warn: (m) => lines.push(String(m)),
    error: (m) => lines.push(String(m)),
    info: (m) => lines.push(String(m)),
    debug: (m) => lines.push(String(m)),
  }
  const saved = {}
  return {
    lines,
    logger,
    hookConsole() {
      for (const name of ['log', 'warn', 'error', 'info', 'debug']) {
        saved[name] = console[name]
        console[name] = (...args) => lines.push(args.map(describe).join(' '))
      }
    },
    unhookConsole() {
      Object.assign(console, saved)
    },
  }
}

function describe(value) {
  if (value instanceof Error) {
    const cause = value.cause === undefined ? '' : ` cause: ${describe(value.cause)}`
    return `${value.stack ?? value.message}${cause}`
  }
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value)
    } catch {
      return String(value)
    }
  }
  return String(value)
}

/** Every string an error carries: message, stack, `toJSON`, own fields, causes, `raw`. */
export function errorTexts(error, seen = new Set()) {
  if (error === undefined || error === null || seen.has(error)) return []
  if (typeof error !== 'object') return [String(error)]
  seen.add(error)
  const texts = [String(error.message ?? ''), String(error.stack ?? '')]
  try {
    texts.push(JSON.stringify(error))
  } catch {}
  for (const key of Object.getOwnPropertyNames(error)) {
    const value = error[key]
    if (key === 'cause') texts.push(...errorTexts(value, seen))
    else if (typeof value === 'string') texts.push(value)
    else if (typeof value === 'object' && value !== null) {
      try {
        texts.push(JSON.stringify(value))
      } catch {}
    }
  }
  if (error.cause !== undefined) texts.push(...errorTexts(error.cause, seen))
  return texts
}
