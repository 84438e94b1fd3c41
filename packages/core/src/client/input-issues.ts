import { IprogValidationError, type ValidationIssue } from '../errors.js'
import { parsePhone } from '../phone.js'

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

/**
 * Records one problem with the field `path`; gives `undefined`, so a check can `return` it.
 *
 * @example
 * ```ts
 * if (typeof value !== 'string') return addIssue(issues, 'message', 'message_not_string', 'message must be a string')
 * ```
 */
export function addIssue(issues: Issues, path: string, code: string, message: string): undefined {
  issues.push({ path: [path], message, code })
}

/** The normalised phone at `path`, or `''` with an issue recorded. */
export function phoneAt(value: unknown, path: string, issues: Issues): string {
  const parsed = parsePhone(value as string)
  return parsed.ok ? parsed.value : (addIssue(issues, path, parsed.code, parsed.reason) ?? '')
}

/** The call's input object; anything else is a validation error straight away. */
export function inputObject<T extends object>(input: T | undefined): T {
  if (typeof input !== 'object' || input === null) throw invalid('', 'input must be an object')
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
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= max
    ? (value as number)
    : addIssue(issues, path, 'out_of_range', `${path} must be a whole number from ${min} to ${max}`)
}
