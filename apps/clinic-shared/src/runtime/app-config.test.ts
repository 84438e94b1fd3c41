import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AppConfigError, readAppConfig } from './app-config.js'

const problemsOf = (env: Record<string, string>) => {
  try {
    readAppConfig(env)
    return []
  } catch (error) {
    expect(error).toBeInstanceOf(AppConfigError)
    return (error as AppConfigError).problems
  }
}

describe('readAppConfig', () => {
  it('runs on the sandbox, port 3000 and a random printed key when nothing is set', () => {
    const config = readAppConfig({})
    expect(config).toMatchObject({ port: 3000, apiToken: undefined, routesKeyGenerated: true })
    expect(config.routesKey).toMatch(/^[\w-]{24}$/)
    expect(readAppConfig({}).routesKey).not.toBe(config.routesKey)
  })

  it('takes the three settings when they are right', () => {
    const config = readAppConfig({
      PORT: '8080',
      IPROG_SMS_API_TOKEN: ' tok_123 ',
      SMS_ROUTES_KEY: 'staff-key-0123456789',
    })
    expect(config).toMatchObject({
      port: 8080,
      apiToken: 'tok_123',
      routesKey: 'staff-key-0123456789',
      routesKeyGenerated: false,
    })
  })

  it('lists every wrong setting at once, without echoing a secret', () => {
    const problems = problemsOf({
      PORT: '80a',
      IPROG_SMS_API_TOKEN: 'secret token',
      SMS_ROUTES_KEY: 'short',
    })
    expect(problems).toEqual([
      'PORT must be a whole number from 0 to 65535 (0 picks a free port); got "80a".',
      'IPROG_SMS_API_TOKEN contains a space or line break: paste the token alone.',
      'SMS_ROUTES_KEY must be at least 16 characters (it guards the routes that spend credits); it has 5.',
    ])
    expect(problems.join(' ')).not.toMatch(/secret|short/)
    expect(problemsOf({ IPROG_SMS_API_TOKEN: '   ' })[0]).toMatch(/only spaces/)
    expect(problemsOf({ IPROG_SMS_BASE_URL: 'www.iprogsms.com' })[0]).toMatch(/http\(s\) URL/)
  })

  it('accepts exactly the ports 0 to 65535 written as digits', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 7 }), (raw) => {
        const valid = raw.trim() === '' || (/^\d{1,5}$/.test(raw.trim()) && Number(raw) <= 65_535)
        expect(problemsOf({ PORT: raw }).length === 0).toBe(valid)
      }),
    )
  })
})
