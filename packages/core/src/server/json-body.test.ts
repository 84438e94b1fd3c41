import { describe, expect, it } from 'vitest'
import { IprogInvalidJsonError, IprogPayloadTooLargeError } from './errors.js'
import { isJsonMediaType, readJsonBody } from './json-body.js'

function chunked(parts: string[]): Request {
  const encoder = new TextEncoder()
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(encoder.encode(part))
      controller.close()
    },
  })
  return new Request('http://x/', { method: 'POST', body, duplex: 'half' } as RequestInit)
}

describe('readJsonBody', () => {
  it('parses a JSON body', async () => {
    const request = new Request('http://x/', { method: 'POST', body: '{"a":1}' })
    expect(await readJsonBody(request, 100)).toEqual({ a: 1 })
  })

  it('refuses a declared length over the limit without reading', async () => {
    const request = new Request('http://x/', {
      method: 'POST',
      body: 'x',
      headers: { 'content-length': '101' },
    })
    await expect(readJsonBody(request, 100)).rejects.toBeInstanceOf(IprogPayloadTooLargeError)
  })

  it('stops a chunked body once it passes the limit', async () => {
    const request = chunked(['{"a":"', 'x'.repeat(60), 'x'.repeat(60), '"}'])
    await expect(readJsonBody(request, 100)).rejects.toBeInstanceOf(IprogPayloadTooLargeError)
  })

  it('reports malformed JSON as invalid_json', async () => {
    const request = new Request('http://x/', { method: 'POST', body: '{"a":' })
    await expect(readJsonBody(request, 100)).rejects.toBeInstanceOf(IprogInvalidJsonError)
  })

  it('reads an empty body as no body', async () => {
    expect(await readJsonBody(new Request('http://x/', { method: 'POST', body: '' }), 100)).toBe(
      undefined,
    )
  })
})

describe('isJsonMediaType', () => {
  it('takes application/json and application/<x>+json, with parameters, in any case', () => {
    for (const type of [
      'application/json',
      'application/json; charset=utf-8',
      'Application/JSON',
      'application/merge-patch+json',
      'application/vnd.api+json ; q=1',
    ]) {
      expect(isJsonMediaType(type)).toBe(true)
    }
  })

  it('refuses what a cross-site form or no-cors fetch can send, and lookalikes', () => {
    for (const type of [
      undefined,
      null,
      '',
      'text/plain',
      'text/plain; charset=application/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'text/json',
      'application/jsonp',
      'application/json-seq',
      'application/+json',
    ]) {
      expect(isJsonMediaType(type)).toBe(false)
    }
  })
})
