/** A seeded random source (mulberry32), so every run sends the same fuzz. */

/**
 * @example
 * ```js
 * const random = randomSource(10)
 * random.int(6) // 0..5, the same sequence every run
 * ```
 */
export function randomSource(seed) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n) => Math.floor(next() * n)
  const ASCII = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCXYZ[\\]^_`abcxyz{|}~'
  const WIDE = ['é', '₱', '€', '😀', '\u0000', '\u202e', '\ud800', '０', '\u200d', '“']
  return {
    next,
    int,
    string: (n) => Array.from({ length: n }, () => ASCII[int(ASCII.length)]).join(''),
    unicode: (n) => Array.from({ length: n }, () => WIDE[int(WIDE.length)]).join(''),
  }
}
