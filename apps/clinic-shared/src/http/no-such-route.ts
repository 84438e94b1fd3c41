import { IprogError } from '@iprog-sms/core'

/**
 * What an unknown path under `/api` throws, so it answers 404 problem+json like the rest.
 *
 * @example
 * ```ts
 * api.use(() => { throw noSuchRoute() })
 * ```
 */
export function noSuchRoute(): IprogError {
  return new IprogError('not_found', 'No clinic route at this path')
}
