/**
 * The clinic's routes take JSON only, like the SMS routes: a cross-site form post or a `no-cors`
 * fetch can only send `text/plain`, form or multipart bodies, so refusing those (415) before
 * anything runs keeps other sites from acting with a patient's cookie.
 */
import { IprogUnsupportedMediaTypeError } from '@iprog-sms/core/server'

// `application/json` or any `application/<something>+json`, parameters (charset) ignored.
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json$/

/**
 * Throws `IprogUnsupportedMediaTypeError` (415) unless the `Content-Type` declares JSON.
 *
 * @example
 * ```ts
 * api.use((req, _res, next) => { requireJsonBody(req.headers['content-type']); next() })
 * ```
 */
export function requireJsonBody(contentType: string | null | undefined): void {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? ''
  if (!JSON_TYPE.test(type)) throw new IprogUnsupportedMediaTypeError(contentType)
}
