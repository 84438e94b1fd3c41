import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { headerValue, toHeaders } from './request-headers.js'

describe('headerValue', () => {
  it('reads one header from Headers, a Node header record or pairs, as toHeaders would', () => {
    const inputs = [
      new Headers({ 'content-length': '12', 'x-forwarded-for': '1.1.1.1' }),
      { 'content-length': '12', 'x-forwarded-for': ['1.1.1.1'] },
      { 'Content-Length': 12, 'X-Forwarded-For': '1.1.1.1' },
      [
        ['content-length', '12'],
        ['x-forwarded-for', '1.1.1.1'],
      ] as [string, string][],
    ]
    for (const input of inputs) {
      expect(headerValue(input, 'content-length')).toBe('12')
      expect(headerValue(input, 'x-forwarded-for')).toBe(toHeaders(input).get('x-forwarded-for'))
      expect(headerValue(input, 'x-api-key')).toBeNull()
    }
    expect(headerValue(undefined, 'content-length')).toBeNull()
    expect(headerValue({ 'set-cookie': ['a', 'b'] }, 'set-cookie')).toBe('a, b')
  })
})

describe('toHeaders over a Node header record', () => {
  const copy = (record: Record<string, string | string[]>) => {
    const headers = new Headers()
    for (const [name, value] of Object.entries(record)) {
      for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item)
    }
    return headers
  }
  const token = fc.stringMatching(/^[a-z0-9!#$%&'*+.^_`|~-]{1,12}$/)
  // Latin-1 text with the whitespace Headers trims at both ends, as a hand-written record may hold.
  const value = fc.stringMatching(
    /^[ \t]{0,2}[\x21-\x7e\xa0-\xff]{0,8}( [\x21-\x7e]{1,4})?[ \t]{0,2}$/,
  )
  const record = fc.dictionary(
    token,
    fc.oneof(value, fc.array(value, { minLength: 1, maxLength: 3 })),
  )
  // Copying a `Headers` into another re-trims each joined value, so a repeated header with empty
  // values (`['', '']`, never sent by a Node client) is `,` in a copy of a copy, `, ` in the
  // first: the iteration property keeps to values with text.
  const visible = fc.stringMatching(/^[ \t]{0,2}[\x21-\x7e\xa0-\xff]{1,8}[ \t]{0,2}$/)
  const sent = fc.dictionary(
    token,
    fc.oneof(visible, fc.array(visible, { minLength: 1, maxLength: 3 })),
  )

  it('answers get and has as a full copy does, for any name', () => {
    fc.assert(
      fc.property(record, fc.array(token), (input, others) => {
        const view = toHeaders(input)
        const full = copy(input)
        for (const name of [...Object.keys(input), ...others]) {
          expect(view.get(name)).toBe(full.get(name))
          expect(view.get(name.toUpperCase())).toBe(full.get(name))
          expect(view.has(name)).toBe(full.has(name))
        }
      }),
    )
  })

  it('lists, iterates and copies every header, and takes changes', () => {
    fc.assert(
      fc.property(sent, (input) => {
        const full = [...copy(input)]
        expect([...toHeaders(input)]).toEqual(full)
        expect([...toHeaders(input).entries()]).toEqual(full)
        expect([...new Headers(toHeaders(input))]).toEqual(full)
        const seen: [string, string][] = []
        toHeaders(input).forEach((v, k) => {
          seen.push([k, v])
        })
        expect(seen).toEqual(full)
        const changed = toHeaders(input)
        changed.set('x-added', '1')
        expect(changed.get('x-added')).toBe('1')
        expect([...changed].length).toBe(full.length + (input['x-added'] === undefined ? 1 : 0))
      }),
    )
  })

  it('finds no header in what every object inherits', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(toHeaders({ 'x-api-key': 'k' }).get(name)).toBeNull()
      expect(toHeaders({ 'x-api-key': 'k' }).has(name)).toBe(false)
      expect(headerValue({ 'x-api-key': 'k' }, name)).toBeNull()
    }
  })

  it('is a Headers that a Request and a Response accept', () => {
    const headers = toHeaders({ 'x-api-key': 'k', cookie: 'a=1; b=2' })
    expect(headers).toBeInstanceOf(Headers)
    expect(new Request('http://x.test', { headers }).headers.get('cookie')).toBe('a=1; b=2')
    expect(new Response(null, { headers: toHeaders({ 'x-a': '1' }) }).headers.get('x-a')).toBe('1')
  })
})
