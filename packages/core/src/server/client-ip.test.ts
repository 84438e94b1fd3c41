import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readsForwardedFor, resolveClientIp } from './client-ip.js'

const forwarded = (value: string) => new Headers({ 'x-forwarded-for': value })

describe('resolveClientIp', () => {
  it('uses the socket address and ignores X-Forwarded-For by default', () => {
    expect(resolveClientIp({ headers: forwarded('6.6.6.6'), remoteAddress: '10.0.0.2' })).toBe(
      '10.0.0.2',
    )
  })

  it('maps IPv4-mapped IPv6 socket addresses to plain IPv4', () => {
    expect(resolveClientIp({ headers: new Headers(), remoteAddress: '::ffff:203.0.113.7' })).toBe(
      '203.0.113.7',
    )
  })

  it('trusts exactly the configured number of proxy hops', () => {
    const headers = forwarded('6.6.6.6, 203.0.113.7')
    expect(resolveClientIp({ headers, remoteAddress: '10.0.0.2' }, 1)).toBe('203.0.113.7')
    expect(resolveClientIp({ headers, remoteAddress: '10.0.0.2' }, 2)).toBe('6.6.6.6')
    expect(resolveClientIp({ headers, remoteAddress: '10.0.0.2' }, true)).toBe('6.6.6.6')
  })

  it('says unknown when nothing is known', () => {
    expect(resolveClientIp({ headers: new Headers(), remoteAddress: undefined })).toBe('unknown')
  })

  it('never lets a spoofed header pick the address beyond the trusted hops', () => {
    fc.assert(
      fc.property(fc.array(fc.ipV4(), { maxLength: 5 }), fc.ipV4(), (spoofed, proxySaw) => {
        const headers = forwarded([...spoofed, proxySaw].join(', '))
        expect(resolveClientIp({ headers, remoteAddress: '10.0.0.2' }, 1)).toBe(proxySaw)
      }),
    )
  })
})

describe('readsForwardedFor', () => {
  it('says the headers are read exactly when resolveClientIp would read X-Forwarded-For', () => {
    const throwing = new Proxy(new Headers(), {
      get: () => {
        throw new Error('headers read')
      },
    })
    for (const trustProxy of [undefined, false, 0, true, 1, 2]) {
      const reads = (() => {
        try {
          resolveClientIp({ headers: throwing, remoteAddress: '10.0.0.2' }, trustProxy)
          return false
        } catch {
          return true
        }
      })()
      expect(readsForwardedFor(trustProxy)).toBe(reads)
    }
  })
})
