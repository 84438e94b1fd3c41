import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readSessionCookie, sessionCookie } from './session-cookie.js'

describe('session cookie', () => {
  it('is httpOnly, SameSite=Lax, site-wide, and Secure on request', () => {
    expect(sessionCookie('abc')).toBe(
      'clinic_session=abc; Path=/; Max-Age=43200; HttpOnly; SameSite=Lax',
    )
    expect(sessionCookie('abc', { secure: true })).toMatch(/; Secure$/)
  })

  it('reads its token back from any Cookie header that holds it among others', () => {
    const token = fc.stringMatching(/^[\w-]{1,43}$/)
    const other = fc.record({
      name: fc.stringMatching(/^[a-z]{1,8}$/),
      value: fc.stringMatching(/^\w{0,8}$/),
    })
    fc.assert(
      fc.property(token, fc.array(other), fc.array(other), (value, before, after) => {
        fc.pre([...before, ...after].every((cookie) => cookie.name !== 'clinic_session'))
        const pairs = [...before, { name: 'clinic_session', value }, ...after]
        const header = pairs.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ')
        expect(readSessionCookie(header)).toBe(value)
      }),
    )
  })

  it('finds nothing when the cookie is absent or empty', () => {
    for (const header of [undefined, null, '', 'a=1', 'clinic_session=', 'xclinic_session=1']) {
      expect(readSessionCookie(header)).toBeUndefined()
    }
  })
})
