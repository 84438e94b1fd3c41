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
  const start = options.start === undefined ? wallNow() : toEpochMs(options.start)
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
    set: (time) => moveTo(toEpochMs(time)),
    advance: (ms) => {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance() takes a duration >= 0 ms')
      moveTo(now() + ms)
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
