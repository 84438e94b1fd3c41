import { describe, expect, it } from 'vitest'
import { IprogOtpAttemptsExceededError, IprogRateLimitError } from './errors.js'
import { createOtpGuard } from './otp-guard.js'
import { createMemoryStore } from './stores/memory-store.js'

const PHONE = '639171234567'

function setup(limits = {}) {
  const clock = { now: 0 }
  const now = () => clock.now
  const guard = createOtpGuard({ store: createMemoryStore({ now }), limits, now })
  return { guard, clock }
}

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  )
}

describe('createOtpGuard', () => {
  it('refuses a second send to one number within the cooldown, with the seconds left', async () => {
    const { guard, clock } = setup({ cooldownSeconds: 60 })
    await guard.beforeSend(PHONE, '1.1.1.1')
    clock.now = 20_000
    const error = await refusal(guard.beforeSend(PHONE, '2.2.2.2'))
    expect(error).toBeInstanceOf(IprogRateLimitError)
    expect((error as IprogRateLimitError).retryAfterSeconds).toBe(40)
    clock.now = 60_000
    await expect(guard.beforeSend(PHONE, '2.2.2.2')).resolves.toBeUndefined()
  })

  it('caps sends per number per hour even when the cooldown has passed', async () => {
    const { guard, clock } = setup({ cooldownSeconds: 1, maxSendsPerPhonePerHour: 3 })
    for (let i = 0; i < 3; i++) {
      clock.now = i * 2_000
      await guard.beforeSend(PHONE, `10.0.0.${i}`)
    }
    clock.now = 10_000
    const error = await refusal(guard.beforeSend(PHONE, '10.0.0.9'))
    expect(error).toBeInstanceOf(IprogRateLimitError)
    expect((error as IprogRateLimitError).retryAfterSeconds).toBe(3_590)
  })

  it('caps sends per client address across numbers', async () => {
    const { guard } = setup({ maxSendsPerIpPerHour: 2 })
    await guard.beforeSend('639170000001', '1.1.1.1')
    await guard.beforeSend('639170000002', '1.1.1.1')
    await expect(guard.beforeSend('639170000003', '1.1.1.1')).rejects.toBeInstanceOf(
      IprogRateLimitError,
    )
    await expect(guard.beforeSend('639170000003', '1.1.1.2')).resolves.toBeUndefined()
  })

  it('refuses the attempt after the budget, whatever the code', async () => {
    const { guard } = setup({ maxVerifyAttempts: 5 })
    await guard.beforeSend(PHONE, '1.1.1.1')
    await guard.afterSend(PHONE)
    for (let i = 0; i < 5; i++) {
      await guard.beforeVerify(PHONE)
      await guard.afterVerify(PHONE, false)
    }
    const error = await refusal(guard.beforeVerify(PHONE))
    expect(error).toBeInstanceOf(IprogOtpAttemptsExceededError)
    expect((error as IprogOtpAttemptsExceededError).retryAfterSeconds).toBe(60)
  })

  it('gives a fresh budget to a newly sent code and clears it on success', async () => {
    const { guard } = setup({ maxVerifyAttempts: 2, cooldownSeconds: 0 })
    await guard.beforeVerify(PHONE)
    await guard.beforeVerify(PHONE)
    await expect(guard.beforeVerify(PHONE)).rejects.toBeInstanceOf(IprogOtpAttemptsExceededError)
    await guard.afterSend(PHONE)
    await guard.beforeVerify(PHONE)
    await guard.afterVerify(PHONE, true)
    await guard.beforeVerify(PHONE)
    await expect(guard.beforeVerify(PHONE)).resolves.toBeUndefined()
  })

  it('caps sends per number per 24 hours, however the hours are spread', async () => {
    const { guard, clock } = setup({ cooldownSeconds: 0, maxSendsPerPhonePerDay: 10 })
    // Five an hour (the hourly cap) in two hours, then past the daily cap in the third.
    for (let i = 0; i < 10; i++) {
      clock.now = Math.floor(i / 5) * 3_600_000 + i * 1_000
      await guard.beforeSend(PHONE, `10.0.0.${i}`)
    }
    clock.now = 2 * 3_600_000 + 60_000
    const error = await refusal(guard.beforeSend(PHONE, '10.0.1.1'))
    expect(error).toBeInstanceOf(IprogRateLimitError)
    expect((error as IprogRateLimitError).message).toMatch(/today/)
    // Retry-After points at the end of the 24 h window opened by the first send.
    expect((error as IprogRateLimitError).retryAfterSeconds).toBe(24 * 3_600 - 2 * 3_600 - 60)
    clock.now = 24 * 3_600_000
    await expect(guard.beforeSend(PHONE, '10.0.1.1')).resolves.toBeUndefined()
  })

  it('caps verifies per client address per hour, across numbers', async () => {
    const { guard, clock } = setup({ maxVerifiesPerIpPerHour: 100 })
    for (let i = 0; i < 100; i++)
      await guard.beforeVerify(`6391700${String(i).padStart(5, '0')}`, '6.6.6.6')
    const error = await refusal(guard.beforeVerify('639179999999', '6.6.6.6'))
    expect(error).toBeInstanceOf(IprogRateLimitError)
    expect((error as IprogRateLimitError).retryAfterSeconds).toBe(3_600)
    // Another address, and the same address an hour later, are not limited.
    await expect(guard.beforeVerify('639179999999', '7.7.7.7')).resolves.toBeUndefined()
    clock.now = 3_600_000
    await expect(guard.beforeVerify('639179999998', '6.6.6.6')).resolves.toBeUndefined()
  })

  it('has the documented defaults: 10 sends a day per number, 100 verifies an hour per address', async () => {
    const { guard, clock } = setup({
      cooldownSeconds: 0,
      maxSendsPerPhonePerHour: 100,
      maxSendsPerIpPerHour: 100,
    })
    for (let i = 0; i < 10; i++) await guard.beforeSend(PHONE, '1.1.1.1')
    await expect(guard.beforeSend(PHONE, '1.1.1.1')).rejects.toBeInstanceOf(IprogRateLimitError)
    clock.now = 1
    for (let i = 0; i < 100; i++) await guard.beforeVerify(`63918${i}`, '2.2.2.2')
    await expect(guard.beforeVerify('639181', '2.2.2.2')).rejects.toBeInstanceOf(
      IprogRateLimitError,
    )
  })
})
