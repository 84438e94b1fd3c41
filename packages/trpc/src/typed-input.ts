/**
 * The input parser of the SMS procedures: it gives tRPC the zod input types and lets every value
 * through, because core validates it (with the same zod schema) and answers failures as problem
 * details, so field errors read the same over tRPC and REST and are checked once, not twice.
 */

/** Procedure input: optional on the client when every field is (`account.credits`). */
export type SmsInput<T> = Record<never, never> extends T ? T | undefined : T

/** A Standard Schema (v1) that passes values through, typed `T` in and out. */
export interface TypedInput<T> {
  readonly '~standard': {
    readonly version: 1
    readonly vendor: string
    readonly validate: (value: unknown) => { readonly value: T }
    readonly types?: { readonly input: T; readonly output: T } | undefined
  }
}

const passThrough: TypedInput<never> = {
  '~standard': {
    version: 1,
    vendor: 'iprog-sms',
    validate: (value) => ({ value: value as never }),
  },
}

/**
 * The pass-through parser, typed as `T`.
 *
 * @example
 * ```ts
 * t.procedure.input(typedInput<{ to: string }>()).mutation(({ input }) => input.to)
 * ```
 */
export function typedInput<T = unknown>(): TypedInput<T> {
  return passThrough as TypedInput<T>
}
