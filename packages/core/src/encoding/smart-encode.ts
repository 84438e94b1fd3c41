import { isGsm7Char, isGsm7Text } from './gsm7.js'
import { countSegments } from './parts.js'

export interface SmartEncodeOptions {
  /** What `₱` becomes; must itself be GSM-7 text. Default `PHP`. */
  pesoSign?: string
}

/** One lookalike that was replaced. */
export interface Replacement {
  /** The original character(s): one code point, plus any combining marks that followed it. */
  from: string
  /** What it became (`''` for an invisible character that was removed). */
  to: string
  /** UTF-16 offset of `from` in the ORIGINAL text. */
  index: number
}

export interface SmartEncodeResult {
  /** The text to send: GSM-7 when replacements were made, else the text as given. */
  text: string
  /** Every replacement, in text order; empty when the text was left unchanged. */
  replaced: Replacement[]
}

// Lookalikes that Unicode compatibility decomposition (NFKD) does not already turn into
// GSM-7, grouped by what they become. Smart punctuation on phones and office software is
// the usual reason a Filipino SMS ends up UCS-2 at less than half the capacity per part.
const LOOKALIKES: ReadonlyArray<readonly [to: string, from: string]> = [
  ['"', '«»“”„‟″‶〝〞'],
  ["'", '`´‘’‚‛′‵ʹʻʼʽˈˊˋ'],
  ['-', '‐‒–—―−⁃•‣◦∙'],
  ['<', '‹'],
  ['>', '›'],
  ['/', '⁄∕÷'],
  ['x', '×'],
  // Letters with a stroke or without a dot have no Unicode decomposition to a base letter.
  ['l', 'ł'],
  ['L', 'Ł'],
  ['d', 'đ'],
  ['D', 'Đ'],
  ['i', 'ı'],
  ['oe', 'œ'],
  ['OE', 'Œ'],
  // Tab is not in GSM-7; on a handset it would show as at most a space anyway. Ogham space
  // mark has no decomposition; NFKD turns the other Unicode spaces into ' ' (see below).
  [' ', '\t\u1680'],
  ['\n', '\u0085\u2028\u2029'],
  // Invisible: zero-width space/non-joiner/joiner, word joiner, BOM, soft hyphen, Mongolian
  // vowel separator. A ZWJ inside an emoji sequence never gets here alone: the emoji keeps
  // the message UCS-2, so nothing in it is replaced (see smartEncode).
  ['', '\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff'],
]

const PESO = 0x20b1

// One code point (in `u` mode a surrogate pair is one, a lone surrogate too) with the combining
// marks that follow it.
const CODE_POINT_WITH_MARKS = /.[\u0300-\u036f]*/gsu

// A short linear scan: only characters outside GSM-7 are looked up, and the table is small.
const lookalike = (char: string): string | undefined =>
  LOOKALIKES.find(([, from]) => from.includes(char))?.[0]

/** GSM-7 text for one character (+ its combining marks), or undefined when there is none. */
function gsm7Lookalike(from: string, pesoSign: string): string | undefined {
  if (from.length === 1) {
    if (from.charCodeAt(0) === PESO) return isGsm7Text(pesoSign) ? pesoSign : undefined
    const to = lookalike(from)
    if (to !== undefined) return to
  }
  // e + U+0301 composes to é, itself GSM-7: keep the accent.
  const composed = from.normalize('NFC')
  if (isGsm7Char(composed)) return composed
  // Compatibility decomposition, accents dropped: á -> a, Ａ -> A, ﬁ -> fi, ½ -> 1/2, … -> ...,
  // 𝐁𝐨𝐥𝐝 -> Bold, no-break and other Unicode spaces -> ' '.
  const decomposed = from.normalize('NFKD')
  const bare = decomposed.replace(/[\u0300-\u036f]/g, '')
  // A space left beside a dropped accent was a bare spacing accent (´ ¨): not a lookalike.
  if (bare !== decomposed && bare.includes(' ')) return undefined
  let folded = ''
  for (const char of bare) {
    const to = isGsm7Char(char) ? char : lookalike(char)
    if (to === undefined) return undefined
    folded += to
  }
  return folded === '' || folded === from ? undefined : folded
}

/**
 * Replaces lookalike characters with GSM-7 ones so a message fits 160 (not 70) characters a
 * part: curly quotes and primes, dashes, ellipsis, bullets, non-breaking and other Unicode
 * spaces, tab, zero-width characters, full-width ASCII, "fancy" mathematical letters, and
 * accented letters that are not GSM-7 themselves (á í ó ú â ê → a i o u a e; é è ñ ü … stay),
 * and the peso sign `₱` (→ `PHP` by default).
 *
 * All or nothing: replacements are made only when the result is entirely GSM-7 and needs no
 * more parts than the original. If anything cannot become GSM-7 (an emoji, Chinese text, …)
 * the message stays UCS-2, where every character fits as it is, so the text is returned
 * unchanged: replacing would only alter it (and `₱` -> `PHP` would make it longer). That is
 * also why the ZWJ inside an emoji sequence is never removed.
 *
 * @example
 * ```ts
 * smartEncode('“Salamat” – ₱500')
 * // { text: '"Salamat" - PHP500',
 * //   replaced: [{ from: '“', to: '"', index: 0 }, { from: '”', to: '"', index: 8 },
 * //              { from: '–', to: '-', index: 10 }, { from: '₱', to: 'PHP', index: 12 }] }
 * ```
 */
export function smartEncode(text: string, options: SmartEncodeOptions = {}): SmartEncodeResult {
  const pesoSign = options.pesoSign ?? 'PHP'
  const replaced: Replacement[] = []
  let whole = true
  const out = text.replace(CODE_POINT_WITH_MARKS, (from: string, index: number) => {
    if (isGsm7Char(from)) return from
    const to = gsm7Lookalike(from, pesoSign)
    if (to === undefined) whole = false
    else replaced.push({ from, to, index })
    return to ?? from
  })
  return whole && replaced.length > 0 && countSegments(out) <= countSegments(text)
    ? { text: out, replaced }
    : { text, replaced: [] }
}
