import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { SandboxRequest } from '../serve/wire.js'
import { readParams } from './params.js'

const request = (query: string, body = '', contentType = ''): SandboxRequest => ({
  method: 'POST',
  pathname: '/api/v1/sms_messages',
  query,
  contentType,
  body,
  origin: 'http://sandbox.test',
})

describe('readParams', () => {
  it('lets a JSON body win over the query', () => {
    expect(readParams(request('a=1&b=2', '{"b":"3","c":4}', 'application/json'))).toEqual({
      a: '1',
      b: '3',
      c: '4',
    })
  })

  it('lets a form body win over the query', () => {
    expect(
      readParams(request('a=1&b=2', 'b=%E2%82%B1&c=x+y', 'application/x-www-form-urlencoded')),
    ).toEqual({
      a: '1',
      b: '₱',
      c: 'x y',
    })
  })

  it('reads a JSON body sent without a content type', () => {
    expect(readParams(request('', '{"message":"hi"}'))).toEqual({ message: 'hi' })
  })

  it('keeps a __proto__ parameter as a plain parameter', () => {
    const params = readParams(request('', '{"__proto__":"x"}', 'application/json'))
    expect(Object.entries(params)).toEqual([['__proto__', 'x']])
    expect(Object.getPrototypeOf(params)).toBeNull()
  })

  it('ignores arrays, objects and nulls, and an unreadable body', () => {
    expect(
      readParams(
        request('', '{"phone_number":["639171234567"],"x":null,"y":{}}', 'application/json'),
      ),
    ).toEqual({})
    expect(readParams(request('a=1', '{"a":', 'application/json'))).toEqual({ a: '1' })
  })

  it('reads any string value back from a JSON body and a form body (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.string()), (fields) => {
        const safe = Object.fromEntries(Object.entries(fields))
        expect(readParams(request('', JSON.stringify(safe), 'application/json'))).toEqual(safe)
        const form = new URLSearchParams(safe).toString()
        expect(readParams(request('', form, 'application/x-www-form-urlencoded'))).toEqual(safe)
      }),
    )
  })
})
