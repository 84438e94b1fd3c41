/**
 * The embedded engine's rate limit: a token bucket of `ratePerSecond` tokens a second, holding
 * at most one second's worth, so a quiet queue may burst that much and no more.
 */

export interface TokenBucket {
  /** Resolves when a token is taken; callers are served in the order they asked. */
  take(): Promise<void>
}

export interface TokenBucketOptions {
  ratePerSecond: number
  /** Default `Date.now`. */
  now?: () => number
  /** Default a `setTimeout` promise. */
  sleep?: (ms: number) => Promise<void>
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Creates a full bucket.
 *
 * @example
 * ```ts
 * const bucket = createTokenBucket({ ratePerSecond: 20 })
 * await bucket.take() // then call the gateway
 * ```
 */
export function createTokenBucket(options: TokenBucketOptions): TokenBucket {
  const { ratePerSecond } = options
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? wait
  const capacity = Math.max(1, ratePerSecond)
  let tokens = capacity
  let last = now()
  // One taker at a time: a chain keeps the order and stops two takers spending one token.
  let chain: Promise<void> = Promise.resolve()

  const refill = () => {
    const at = now()
    tokens = Math.min(capacity, tokens + ((at - last) * ratePerSecond) / 1000)
    last = at
  }
  const takeOne = async () => {
    refill()
    while (tokens < 1) {
      await sleep(Math.ceil(((1 - tokens) * 1000) / ratePerSecond))
      refill()
    }
    tokens -= 1
  }
  return {
    take() {
      const turn = chain.then(takeOne)
      chain = turn
      return turn
    },
  }
}
