import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isIprogError } from '../errors.js'
import { isJsonMediaType, parseJsonText, readJsonBody } from './json-body.js'

const utf8Length = (text: string) => new TextEncoder().encode(text).byteLength

/** What the documented contract says a text gives: too large, no body, the value, or invalid. */
type Outcome = { value: unknown } | { code: 'payload_too_large' | 'invalid_json' }

const expected = (text: string, limitBytes: number): Outcome => {
  if (utf8Length(text) > limitBytes) return { code: 'payload_too_large' }
  if (text.trim() === '') return { value: undefined }
  try {
    return { value: JSON.parse(text) }
  } catch {
    return { code: 'invalid_json' }
  }
}

const outcomeOf = async (read: () => unknown): Promise<Outcome> => {
  try {
    return { value: await read() }
  } catch (error) {
    // Any other failure (a TypeError, a RangeError) is a bug: fail with it as is.
    if (!isIprogError(error)) throw error
    expect(['payload_too_large', 'invalid_json']).toContain(error.code)
    expect(error.message).not.toBe('')
    return { code: error.code as 'payload_too_large' | 'invalid_json' }
  }
}

// JSON has no -0 (`JSON.stringify(-0)` is `0`): the value a round trip can give back.
const withoutNegativeZero = (value: unknown): unknown => {
  if (Object.is(value, -0)) return 0
  if (Array.isArray(value)) return value.map(withoutNegativeZero)
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, withoutNegativeZero(item)]),
    )
  }
  return value
}

const jsonText = fc.jsonValue().map((value) => JSON.stringify(value))
// Multi-byte text is where UTF-16 length and UTF-8 size part ways (é is 2 bytes, 😀 is 4, a
// lone surrogate is encoded as 3).
const multiByte = fc.string({ unit: fc.constantFrom('é', '€', '😀', '\ud800', 'a', '"', ' ') })
const bodyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  jsonText,
  multiByte,
  multiByte.map((inner) => JSON.stringify({ message: inner })),
  fc.constantFrom('', ' ', '\n\t', '\u00a0', '{', '{"a":', 'null', '[]', '1e999', '"\\ud800"'),
)
const limitArb = fc.integer({ min: 0, max: 256 })

/** A Request streaming `text` in random pieces, with or without a true Content-Length. */
function requestOf(text: string, cuts: number[], declareLength: boolean): Request {
  const bytes = new TextEncoder().encode(text)
  const points = [...new Set(cuts.map((cut) => cut % (bytes.byteLength + 1)))].sort((a, b) => a - b)
  const edges = [0, ...points, bytes.byteLength]
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 1; i < edges.length; i++) {
        const piece = bytes.slice(edges[i - 1], edges[i])
        if (piece.byteLength > 0) controller.enqueue(piece)
      }
      controller.close()
    },
  })
  const headers = declareLength ? { 'content-length': String(bytes.byteLength) } : undefined
  return new Request('http://x/', { method: 'POST', body, headers, duplex: 'half' } as RequestInit)
}

describe('parseJsonText (properties)', () => {
  it('gives the value, no body, or a typed invalid_json / payload_too_large error', async () => {
    await fc.assert(
      fc.asyncProperty(bodyText, limitArb, async (text, limit) => {
        expect(await outcomeOf(() => parseJsonText(text, limit))).toEqual(expected(text, limit))
      }),
      { numRuns: 1000 },
    )
  })

  it('always refuses a text whose UTF-8 size is over the limit', () => {
    fc.assert(
      fc.property(bodyText, (text) => {
        const size = utf8Length(text)
        fc.pre(size > 0)
        for (const limit of [0, size - 1, Math.floor(size / 2), Math.floor(size / 3)]) {
          expect(() => parseJsonText(text, limit)).toThrow(
            expect.objectContaining({ code: 'payload_too_large', limitBytes: limit }),
          )
        }
      }),
      { numRuns: 500 },
    )
  })

  it('reads back any JSON value it is given, at any limit that fits it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value)
        expect(parseJsonText(text, utf8Length(text))).toEqual(withoutNegativeZero(value))
      }),
      { numRuns: 500 },
    )
  })
})

describe('readJsonBody (properties)', () => {
  it('agrees with parseJsonText on the same bytes, however the body is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(
        bodyText,
        limitArb,
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.boolean(),
        async (text, limit, cuts, declareLength) => {
          // What the server sees is the UTF-8 bytes decoded again (a lone surrogate becomes U+FFFD).
          const received = new TextDecoder().decode(new TextEncoder().encode(text))
          const outcome = await outcomeOf(() =>
            readJsonBody(requestOf(text, cuts, declareLength), limit),
          )
          expect(outcome).toEqual(expected(received, limit))
        },
      ),
      { numRuns: 300 },
    )
  })

  // Found by the properties above: the size check compared UTF-16 length, so text of multi-byte
  // characters up to three times the limit in bytes was parsed.
  it('refuses multi-byte text whose character count fits but whose bytes do not', () => {
    expect(() => parseJsonText('éé', 2)).toThrow(
      expect.objectContaining({ code: 'payload_too_large' }),
    )
    const text = '"éééé"' // 6 characters, 10 bytes
    expect(() => parseJsonText(text, 8)).toThrow(
      expect.objectContaining({ code: 'payload_too_large' }),
    )
    expect(parseJsonText(text, 10)).toBe('éééé')
  })
})

describe('isJsonMediaType (properties)', () => {
  it('takes application/json with any parameters, and refuses every text/* type', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (params, subtype) => {
        expect(isJsonMediaType(`application/json;${params}`)).toBe(true)
        expect(isJsonMediaType(`text/${subtype}`)).toBe(false)
        expect(isJsonMediaType(`multipart/${subtype}+json`)).toBe(false)
      }),
    )
  })
})
