/**
 * The sandbox's own time. It runs with the wall clock by default; tests freeze it and move it
 * by hand, so statuses, OTP expiry and reminders change exactly when the test says.
 */
export interface SandboxClock {
  /** Milliseconds since the epoch, on the sandbox's clock. */
  now(): number
  /** Jump to a moment (a `Date`, an ISO string or epoch milliseconds). */
  set(time: Date | string | number): void
  /** Move forward by `ms` milliseconds. */
  advance(ms: number): void
  /** Stop the clock: time only moves through `set` and `advance`. */
  freeze(): void
  /** Let the clock run with the wall clock again, from where it stands. */
  resume(): void
  readonly frozen: boolean
}

export interface ClockOptions {
  /** Where the clock starts. Default: the wall clock's time. */
  start?: Date | string | number
  frozen?: boolean
  /** Called after every `set`, `advance`, `freeze` and `resume`. */
  onChange?: () => void
  /** The wall clock, injectable for tests of the clock itself. */
  wallNow?: () => number
}

// The moments the gateway's time format can write (a four-digit year, Manila time): every
// time the sandbox shows stays well-formed, and `advance(1e308)` cannot break its inspectors.
const EARLIEST = Date.parse('0000-01-01T00:00:00.000+08:00')
const LATEST = Date.parse('9999-12-31T23:59:59.999+08:00')

/**
 * Refuses a moment the sandbox clock cannot stand at.
 *
 * @example
 * ```ts
 * checkClockTime(Date.now()) // the same number
 * checkClockTime(1e308) // throws RangeError
 * ```
 */
export function checkClockTime(ms: number): number {
  if (!(ms >= EARLIEST && ms <= LATEST)) {
    throw new RangeError('The sandbox clock stays between the years 0000 and 9999 (Manila time)')
  }
  return ms
}

/**
 * Reads a moment given as a `Date`, an ISO-8601 string or epoch milliseconds.
 *
 * @example
 * ```ts
 * toEpochMs('2026-02-06T10:00:00+08:00') // 1770343200000
 * ```
 */
export function toEpochMs(time: Date | string | number): number {
  const ms =
    time instanceof Date ? time.getTime() : typeof time === 'number' ? time : Date.parse(time)
  if (!Number.isFinite(ms)) throw new TypeError(`Not a valid time: ${String(time)}`)
  return ms
}

/**
 * Creates a clock that can be frozen, set and advanced.
 *
 * @example
 * ```ts
 * const clock = createClock({ start: '2026-02-06T10:00:00+08:00', frozen: true })
 * clock.advance(5 * 60_000)
 * ```
 */
export function createClock(options: ClockOptions = {}): SandboxClock {
  const wallNow = options.wallNow ?? Date.now
  const onChange = options.onChange ?? (() => {})
  let frozen = options.frozen ?? false
  const start = checkClockTime(options.start === undefined ? wallNow() : toEpochMs(options.start))
  // Running: now = wallNow() + offset. Frozen: now = frozenAt.
  let offset = start - wallNow()
  let frozenAt = start

  const now = () => (frozen ? frozenAt : wallNow() + offset)
  const moveTo = (ms: number) => {
    if (frozen) frozenAt = ms
    else offset = ms - wallNow()
    onChange()
  }

  return {
    now,
    set: (time) => moveTo(checkClockTime(toEpochMs(time))),
    advance: (ms) => {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance() takes a duration >= 0 ms')
      moveTo(checkClockTime(now() + ms))
    },
    freeze: () => {
      if (frozen) return
      frozenAt = now()
      frozen = true
      onChange()
    },
    resume: () => {
      if (!frozen) return
      offset = frozenAt - wallNow()
      frozen = false
      onChange()
    },
    get frozen() {
      return frozen
    },
  }
}
