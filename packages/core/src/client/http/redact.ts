/** What every redacted secret is replaced with. */
export const REDACTED = '[REDACTED]'

// Below this length a "token" would match ordinary words in messages; real IPROG tokens are
// 40 hex characters, and `api_token=` parameters are redacted whatever their length.
const MIN_LITERAL_LENGTH = 8

/**
 * Removes the API token from any text: every `api_token=` parameter value (the gateway's
 * `message_status_link` carries one) and every literal occurrence of the token itself,
 * raw or URL-encoded.
 *
 * @example
 * ```ts
 * redact('https://x/status?api_token=abc&message_id=iSms-1', 'abc')
 * // 'https://x/status?api_token=[REDACTED]&message_id=iSms-1'
 * ```
 */
export function redact(text: string, token: string | undefined): string {
  let out = text.replace(/(api_token=)[^&#\s"'<>]*/gi, `$1${REDACTED}`)
  if (token && token.length >= MIN_LITERAL_LENGTH) {
    // Replacing the raw token first leaves nothing of it for its encoded form to match, and an
    // encoding equal to the token is then already gone.
    out = out.replaceAll(token, REDACTED).replaceAll(encodeURIComponent(token), REDACTED)
  }
  return out
}
