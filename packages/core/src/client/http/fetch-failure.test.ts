import { describe, expect, it } from 'vitest'
import { failureCodes, neverReachedGateway } from './fetch-failure.js'

const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause })
const sysError = (code: string) => Object.assign(new Error(code), { code })

describe('neverReachedGateway', () => {
  it('is true for refused connections and DNS failures', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']) {
      expect(neverReachedGateway(failureCodes(fetchFailed(sysError(code))))).toBe(true)
    }
  })

  it('looks inside the AggregateError of a Happy Eyeballs connect', () => {
    const both = Object.assign(
      new AggregateError([sysError('ECONNREFUSED'), sysError('ECONNREFUSED')]),
      { code: 'ECONNREFUSED' },
    )
    expect(neverReachedGateway(failureCodes(fetchFailed(both)))).toBe(true)
    const mixed = new AggregateError([sysError('ECONNREFUSED'), sysError('ECONNRESET')])
    expect(neverReachedGateway(failureCodes(fetchFailed(mixed)))).toBe(false)
  })

  it('is false for resets, closed sockets and errors without a code', () => {
    expect(neverReachedGateway(failureCodes(fetchFailed(sysError('ECONNRESET'))))).toBe(false)
    expect(neverReachedGateway(failureCodes(fetchFailed(sysError('UND_ERR_SOCKET'))))).toBe(false)
    expect(neverReachedGateway(failureCodes(new TypeError('fetch failed')))).toBe(false)
    expect(neverReachedGateway(failureCodes('nope'))).toBe(false)
  })

  it('survives a cause cycle', () => {
    const a: { code: string; cause?: unknown } = { code: 'ECONNREFUSED' }
    a.cause = a
    expect(failureCodes(a)).toEqual(['ECONNREFUSED'])
  })
})
