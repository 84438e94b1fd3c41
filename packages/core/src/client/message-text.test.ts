import { describe, expect, it } from 'vitest'
import type { Issues } from './input-issues.js'
import { prepareText } from './message-text.js'

const policy = { maxSegments: 3, smartEncoding: false as const }
const run = (value: unknown, p = policy) => {
  const issues: Issues = []
  return { out: prepareText(value, p, issues), issues }
}

describe('prepareText', () => {
  it('gives the text with its local estimate', () => {
    expect(run('Hello').out).toEqual({
      text: 'Hello',
      estimate: { encoding: 'GSM-7', segmentCount: 1 },
    })
    expect(run('Kumusta 😊').out?.estimate.encoding).toBe('UCS-2')
  })

  it('refuses non-strings, empty and whitespace-only text', () => {
    expect(run(undefined).issues[0]?.code).toBe('message_not_string')
    expect(run('').issues[0]?.code).toBe('message_empty')
    expect(run(' \n\t').issues[0]?.code).toBe('message_empty')
  })

  it('says how many parts a text over maxSegments needs', () => {
    const { out, issues } = run('a'.repeat(153 * 4))
    expect(out).toBeUndefined()
    expect(issues[0]?.message).toBe('message needs 4 SMS parts; the limit is 3 (maxSegments)')
  })
})
