/**
 * A log sink the suites inspect: every line is kept, so a check can prove none carries the token.
 */

/** A log sink the suite inspects (nothing may carry the token). */
export interface RecordingLogger {
  warn(message: string): void
  error(message: string): void
  lines: string[]
  warnings: string[]
}

/**
 * A logger that keeps every line, so the suite can check none carries the token.
 *
 * @example
 * ```ts
 * const logger = recordingLogger(); createSmsService({ client, authorize: 'public', logger }); logger.warnings.length // 1
 * ```
 */
export function recordingLogger(): RecordingLogger {
  const lines: string[] = []
  const warnings: string[] = []
  return {
    lines,
    warnings,
    warn: (message) => {
      warnings.push(message)
      lines.push(message)
    },
    error: (message) => lines.push(message),
  }
}
