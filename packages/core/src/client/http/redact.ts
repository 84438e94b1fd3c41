/** What every redacted secret is replaced with. */
export const REDACTED = '[REDACTED]'

// Every `api_token=` parameter value, whatever the token: the gateway's `message_status_link`
// carries one, and so does any URL an error may quote.
const TOKEN_PARAMETER = /(api_token=)[^&#\s"'<>]*/gi

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

/**
 * The ways the token can be written in a text the client passes on: as is, URL-encoded
 * (`encodeURIComponent`), form-encoded (`URLSearchParams`, as in a GET's query: a space is `+`)
 * and JSON-escaped (inside a body quoted whole), longest first so that a longer form is replaced
 * whole rather than around the shorter one inside it.
 */
function spellingsOf(token: string): string[] {
  const forms = new Set([
    token,
    encodeURIComponent(token),
    new URLSearchParams({ t: token }).toString().slice(2),
    JSON.stringify(token).slice(1, -1),
  ])
  return [...forms].sort((a, b) => b.length - a.length)
}

interface TokenPatterns {
  token: string
  /** Global, for `replace`. */
  pattern: RegExp
  /**
   * Whether a text may need redacting: a backslash, `api_token`, or a spelling of the token, in
   * one scan (no `g`: a global regex keeps state between tests).
   */
  suspect: RegExp
}

// A backslash: a JSON escape such as `\u0074` can spell the token or `api_token` without showing it.
const SUSPECT_WITHOUT_TOKEN = /\\|api_token/i

// One client resolves the same token on every call: keep the patterns of the last one.
let last: TokenPatterns | undefined

function patternsFor(token: string): TokenPatterns {
  if (last?.token !== token) {
    // Case-insensitive: an echo may upper-case the token, and `%2f` is `%2F`.
    const source = spellingsOf(token).map(escapeRegExp).join('|')
    last = {
      token,
      pattern: new RegExp(source, 'gi'),
      suspect: new RegExp(`${SUSPECT_WITHOUT_TOKEN.source}|${source}`, 'i'),
    }
  }
  return last
}

/**
 * Whether a raw gateway body may hold the token once parsed: it spells the token, has an
 * `api_token` parameter, or has a backslash (a JSON escape such as `\u0074` can spell either
 * without showing it). Only such a body needs its strings redacted one by one.
 *
 * @example
 * ```ts
 * mayHoldToken('{"status":200,"message_id":"iSms-1"}', token) // false
 * ```
 */
export function mayHoldToken(text: string, token: string | undefined): boolean {
  return (token ? patternsFor(token).suspect : SUSPECT_WITHOUT_TOKEN).test(text)
}

/**
 * Removes the API token from any text: every spelling of the token itself (as is, URL- or
 * form-encoded, JSON-escaped, in any letter case, whatever its length), then every `api_token=`
 * parameter value. The literal goes first: a token holding `#`, `&`, `'` or a space would stop
 * the parameter pattern part-way and leave its tail.
 *
 * @example
 * ```ts
 * redact('https://x/status?api_token=abc&message_id=iSms-1', 'abc')
 * // 'https://x/status?api_token=[REDACTED]&message_id=iSms-1'
 * ```
 */
export function redact(text: string, token: string | undefined): string {
  // One scan that most texts pass: the two replacements cost two.
  return mayHoldToken(text, token) ? redactSuspect(text, token) : text
}

/**
 * `redact` for a text already found to be suspect by `mayHoldToken`: the two replacements
 * without testing the text again.
 *
 * @example
 * ```ts
 * if (mayHoldToken(text, token)) text = redactSuspect(text, token)
 * ```
 */
export function redactSuspect(text: string, token: string | undefined): string {
  const withoutToken = token ? text.replace(patternsFor(token).pattern, REDACTED) : text
  return withoutToken.replace(TOKEN_PARAMETER, `$1${REDACTED}`)
}
