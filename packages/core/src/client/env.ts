/**
 * Reads an environment variable where one exists (Node, Bun, Deno with `process`), and
 * `undefined` on runtimes without `process` (Workers, browsers). Empty values count as unset.
 *
 * @example
 * ```ts
 * const token = readEnv('IPROG_SMS_API_TOKEN')
 * ```
 */
export function readEnv(name: string): string | undefined {
  return (typeof process === 'undefined' ? '' : process.env?.[name]?.trim()) || undefined
}
