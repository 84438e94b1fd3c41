/**
 * Message ids as the gateway writes them, `iSms-` and six letters or digits, made from the
 * message's sequence number by a seeded shuffle that can be undone. The store then finds a
 * message from its id by arithmetic: no index of ids to keep, grow and prune on every send.
 */
export interface MessageIds {
  /** The id of the message with this sequence number (0, 1, 2, …). */
  idOf(sequence: number): string
  /**
   * The sequence number an id was made from, modulo `ID_COUNT` (ids repeat after that many);
   * `undefined` when the text is no id this shuffle makes.
   */
  sequenceOf(id: string): number | undefined
}

// The characters of an id: letters and digits.
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const PREFIX = 'iSms-'
const DIGITS = 6
const BASE = ALPHANUMERIC.length

/** How many different ids there are (62⁶, about 5.7 × 10¹⁰). */
export const ID_COUNT = BASE ** DIGITS
// A number below ID_COUNT is split in two halves of three digits, each below 2¹⁸, so its digits
// come out of integer arithmetic: a float remainder of a number that large is a slow call.
const HALF = BASE ** (DIGITS / 2)

// Where each character of the alphabet stands in it; -1 for every other code below 128.
const DIGIT_OF_CODE = Int8Array.from({ length: 128 }, (_, code) =>
  ALPHANUMERIC.indexOf(String.fromCharCode(code)),
)

const mod = (value: number) => ((value % BASE) + BASE) % BASE

// Multipliers of the shuffle must have an inverse modulo 62 (odd, not 31), or two sequence
// numbers would share an id.
const UNITS = Array.from({ length: BASE }, (_, n) => n).filter((n) => n % 2 === 1 && n !== 31)
const inverseOf = (unit: number) => UNITS.find((other) => (unit * other) % BASE === 1)!

interface Round {
  multiplier: Int32Array
  inverse: Int32Array
  offset: Int32Array
}

function drawRound(random: () => number): Round {
  const multiplier = Int32Array.from(
    { length: DIGITS },
    () => UNITS[Math.floor(random() * UNITS.length)]!,
  )
  return {
    multiplier,
    inverse: multiplier.map(inverseOf),
    offset: Int32Array.from({ length: DIGITS }, () => Math.floor(random() * BASE)),
  }
}

/**
 * Creates the id shuffle of one sandbox, drawn from its random source (a seed repeats it).
 *
 * The sequence number's six base-62 digits go through two chained rounds, one from the lowest
 * digit up and one from the highest down. In each, a digit becomes `digit × multiplier +
 * offset + the digit just written`, modulo 62: every step can be undone, so two sequence
 * numbers below `ID_COUNT` never share an id, and after both rounds every digit of the id
 * depends on every digit of the number (consecutive messages get unrelated-looking ids).
 *
 * @example
 * ```ts
 * const ids = createMessageIds(createRandom(7))
 * ids.idOf(0) // 'iSms-' and six letters or digits
 * ids.sequenceOf(ids.idOf(41)) // 41
 * ```
 */
export function createMessageIds(random: () => number): MessageIds {
  const up = drawRound(random)
  const down = drawRound(random)
  // Digits of the number being encoded or decoded, lowest first: one array for every call.
  const digits = new Int32Array(DIGITS)

  return {
    idOf(sequence) {
      const number = sequence < ID_COUNT ? sequence : sequence % ID_COUNT
      let high = Math.floor(number / HALF)
      let low = number - high * HALF
      for (let i = 0; i < DIGITS / 2; i++) {
        digits[i] = low % BASE
        low = (low - digits[i]!) / BASE
        digits[i + DIGITS / 2] = high % BASE
        high = (high - digits[i + DIGITS / 2]!) / BASE
      }
      let written = 0
      for (let i = 0; i < DIGITS; i++) {
        written = (digits[i]! * up.multiplier[i]! + up.offset[i]! + written) % BASE
        digits[i] = written
      }
      written = 0
      for (let i = DIGITS - 1; i >= 0; i--) {
        written = (digits[i]! * down.multiplier[i]! + down.offset[i]! + written) % BASE
        digits[i] = written
      }
      return (
        PREFIX +
        String.fromCharCode(
          ALPHANUMERIC.charCodeAt(digits[5]!),
          ALPHANUMERIC.charCodeAt(digits[4]!),
          ALPHANUMERIC.charCodeAt(digits[3]!),
          ALPHANUMERIC.charCodeAt(digits[2]!),
          ALPHANUMERIC.charCodeAt(digits[1]!),
          ALPHANUMERIC.charCodeAt(digits[0]!),
        )
      )
    },
    sequenceOf(id) {
      if (id.length !== PREFIX.length + DIGITS || !id.startsWith(PREFIX)) return undefined
      for (let i = 0; i < DIGITS; i++) {
        const code = id.charCodeAt(id.length - 1 - i)
        const digit = code < 128 ? DIGIT_OF_CODE[code]! : -1
        if (digit < 0) return undefined
        digits[i] = digit
      }
      // Undo the rounds in reverse order. Each step needs the digit its round wrote just
      // before: for the down round that is the next higher digit, still as the id has it while
      // this loop climbs; for the up round the next lower one, still as that round wrote it
      // while the second loop descends.
      for (let i = 0; i < DIGITS; i++) {
        const before = i === DIGITS - 1 ? 0 : digits[i + 1]!
        digits[i] = mod((digits[i]! - down.offset[i]! - before) * down.inverse[i]!)
      }
      for (let i = DIGITS - 1; i >= 0; i--) {
        const before = i === 0 ? 0 : digits[i - 1]!
        digits[i] = mod((digits[i]! - up.offset[i]! - before) * up.inverse[i]!)
      }
      let low = 0
      let high = 0
      for (let i = DIGITS / 2 - 1; i >= 0; i--) {
        low = low * BASE + digits[i]!
        high = high * BASE + digits[i + DIGITS / 2]!
      }
      return high * HALF + low
    },
  }
}
