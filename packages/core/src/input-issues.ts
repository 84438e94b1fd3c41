import { IprogValidationError, type ValidationIssue } from './errors.js'
import { parsePhone } from './phone.js'

/**
 * Problems found in one call's input. Every field is checked before throwing, so one
 * `IprogValidationError` lists them all; nothing is sent while any is left.
 */
export type Issues = ValidationIssue[]

/**
 * Throws one `IprogValidationError` listing every issue, when there is any.
 *
 * @example
 * ```ts
 * const issues: Issues = []
 * const to = phoneAt(input.to, ['to'], issues)
 * throwIfIssues(issues)
 * ```
 */
export function throwIfIssues(issues: Issues): void {
  if (issues.length > 0) {
    throw new IprogValidationError(issues.map((issue) => issue.message).join('; '), issues)
  }
}

/**
 * One validation error about one field.
 *
 * @example
 * ```ts
 * throw invalid('baseUrl', 'baseUrl must be an http(s) URL')
 * ```
 */
export function invalid(path: string, message: string): IprogValidationError {
  return new IprogValidationError(message, [{ path: path ? [path] : [], message }])
}

/** The normalised phone at `path`, or `''` with an issue recorded. */
export function phoneAt(value: unknown, path: (string | number)[], issues: Issues): string {
  const parsed = parsePhone(value as string)
  if (parsed.ok) return parsed.value
  issues.push({ path, message: parsed.reason, code: parsed.code })
  return ''
}

/** The call's input object; anything else is a validation error straight away. */
export function inputObject<T extends object>(input: T | undefined, what: string): T {
  if (typeof input !== 'object' || input === null) throw invalid('', `${what} must be an object`)
  return input
}

/** An integer in `[min, max]` at `path` when given; `undefined` stays `undefined`. */
export function intAt(
  value: unknown,
  min: number,
  max: number,
  path: string,
  issues: Issues,
): number | undefined {
  if (value === undefined) return undefined
  // `Number.isInteger` is false for anything but an integral number, so it also checks the type.
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    issues.push({
      path: [path],
      message: `${path} must be a whole number from ${min} to ${max}`,
      code: 'out_of_range',
    })
    return undefined
  }
  return value as number
}
