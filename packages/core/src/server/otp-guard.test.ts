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
})
