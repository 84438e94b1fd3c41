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
 * const to = phoneField(input.to, 'to', issues)
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

/**
 * The phone number of the input field `path`, normalised, or `''` with an issue recorded.
 *
 * @example
 * ```ts
 * const to = phoneField(input.to, 'to', issues) // '639171234567'
 * ```
 */
export function phoneField(value: unknown, path: string, issues: Issues): string {
  const parsed = parsePhone(value as string) // parsePhone refuses a non-string itself
  if (parsed.ok) return parsed.value
  addIssue(issues, path, parsed.code, parsed.reason)
  return ''
}

/**
 * The call's input object; anything else is a validation error straight away. `what` names the
 * input in the message (`messages.send input must be an object`).
 *
 * @example
 * ```ts
 * const { to, message } = inputObject(input, 'messages.send input')
 * ```
 */
export function inputObject<T extends object>(input: T | undefined, what: string): T {
  if (typeof input !== 'object' || input === null) throw invalid('', `${what} must be an object`)
  return input
}

/**
 * The whole number of the input field `path`, in `[min, max]` when given; `undefined` stays
 * `undefined`, anything else records an issue.
 *
 * @example
 * ```ts
 * const length = integerField(input.codeLength, 4, 10, 'codeLength', issues)
 * ```
 */
export function integerField(
  value: unknown,
  min: number,
  max: number,
  path: string,
  issues: Issues,
): number | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) {
    return value
  }
  return addIssue(
    issues,
    path,
    'out_of_range',
    `${path} must be a whole number from ${min} to ${max}`,
  )
}
