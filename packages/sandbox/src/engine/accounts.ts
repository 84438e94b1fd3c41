/**
 * Tokens and their credit balances. The gateway charges one credit per message part.
 */

export interface Accounts {
  has(token: string): boolean
  balance(token: string): number | undefined
  /** Creates the token when it does not exist. */
  set(token: string, credits: number): void
  remove(token: string): boolean
  /** Takes `credits` when the balance covers them; `false` (and nothing taken) otherwise. */
  charge(token: string, credits: number): boolean
  all(): Record<string, number>
  replaceAll(tokens: Record<string, number>): void
}

function checkCredits(credits: number): void {
  if (!Number.isFinite(credits) || credits < 0)
    throw new RangeError('Credits must be a number >= 0')
}

/**
 * Creates the account store.
 *
 * @example
 * ```ts
 * const accounts = createAccounts({ 'my-test-token': 100 })
 * accounts.charge('my-test-token', 2) // true, 98 left
 * ```
 */
export function createAccounts(initial: Record<string, number>): Accounts {
  const balances = new Map<string, number>()
  const accounts: Accounts = {
    has: (token) => balances.has(token),
    balance: (token) => balances.get(token),
    set(token, credits) {
      if (token === '') throw new RangeError('A token cannot be empty')
      checkCredits(credits)
      balances.set(token, credits)
    },
    remove: (token) => balances.delete(token),
    charge(token, credits) {
      const balance = balances.get(token)
      if (balance === undefined || balance < credits) return false
      // Round to 1e-9 so fractional balances do not drift into 9.999999999.
      balances.set(token, Math.round((balance - credits) * 1e9) / 1e9)
      return true
    },
    all: () => Object.fromEntries(balances),
    replaceAll(tokens) {
      balances.clear()
      for (const [token, credits] of Object.entries(tokens)) accounts.set(token, credits)
    },
  }
  accounts.replaceAll(initial)
  return accounts
}
