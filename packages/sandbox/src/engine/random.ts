/**
 * A seeded pseudo-random source (mulberry32), so ids, OTP codes and fault rates repeat run to
 * run when a test gives a seed. Not for secrets: the sandbox has none to protect.
 *
 * @example
 * ```ts
 * const random = createRandom(42)
 * random() // 0 <= n < 1, the same sequence for seed 42
 * ```
 */
export function createRandom(seed: number = Math.floor(Math.random() * 2 ** 32)): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * `length` characters drawn from `alphabet`.
 *
 * @example
 * ```ts
 * randomString(random, 6, '0123456789') // '402913'
 * ```
 */
export function randomString(random: () => number, length: number, alphabet: string): string {
  // Char codes first, one string at the end: a flat string, not a chain of concatenations.
  const codes = new Array<number>(length)
  for (let i = 0; i < length; i++) {
    codes[i] = alphabet.charCodeAt(Math.floor(random() * alphabet.length))
  }
  return String.fromCharCode(...codes)
}
