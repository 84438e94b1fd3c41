import { describe, expect, it } from 'vitest'
import { type AuthorizeContext, checkAuthorized } from './authorize.js'
import { IprogForbiddenError, IprogUnauthorizedError } from './errors.js'

const context: AuthorizeContext = {
  operation: 'messages.send',
  input: {},
  headers: new Headers(),
  ip: '10.0.0.2',
}

describe('checkAuthorized', () => {
  it('answers a synchronous yes without a promise', () => {
    expect(checkAuthorized(() => true, context)).toBeUndefined()
  })

  it('refuses a synchronous no at once', () => {
    expect(() => checkAuthorized(() => false, context)).toThrow(IprogForbiddenError)
  })

  it('lets a hook throw its own 401', () => {
    const hook = () => {
      throw new IprogUnauthorizedError()
    }
    expect(() => checkAuthorized(hook, context)).toThrow(IprogUnauthorizedError)
  })

  it('awaits a promised answer', async () => {
    await expect(checkAuthorized(async () => true, context)).resolves.toBeUndefined()
    await expect(checkAuthorized(async () => false, context)).rejects.toThrow(IprogForbiddenError)
  })

  it('refuses anything but true, sync or async', async () => {
    const truthy = (() => 'yes') as unknown as () => boolean
    await expect(checkAuthorized(truthy, context)).rejects.toThrow(IprogForbiddenError)
    const promisedTruthy = (async () => 1) as unknown as () => Promise<boolean>
    await expect(checkAuthorized(promisedTruthy, context)).rejects.toThrow(IprogForbiddenError)
  })

  it('fails closed without a hook, and lets public through', () => {
    expect(() => checkAuthorized(undefined, context)).toThrow(IprogForbiddenError)
    expect(checkAuthorized('public', context)).toBeUndefined()
  })
})
