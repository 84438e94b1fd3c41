import { IprogError } from '@iprog-sms/core'
import { PROBLEM_KINDS } from '@iprog-sms/core/internal'
import { type ProblemCode, toProblem } from '@iprog-sms/core/server'
import { getHTTPStatusCodeFromError } from '@trpc/server/http'
import { describe, expect, it } from 'vitest'
import { toTRPCError } from '../src/index.js'

describe('toTRPCError', () => {
  it('answers every problem code with the HTTP status the REST adapters give it', () => {
    for (const [code, kind] of Object.entries(PROBLEM_KINDS)) {
      const problem = {
        status: kind.status,
        headers: {},
        body: {
          type: '',
          title: kind.title,
          status: kind.status,
          detail: 'd',
          code: code as ProblemCode,
        },
      }
      expect(getHTTPStatusCodeFromError(toTRPCError(problem, undefined)), code).toBe(kind.status)
    }
  })

  it('keeps the core error as cause and the fixed detail as message', () => {
    const cause = new IprogError('store_full', 'The store holds 10 live counters')
    const error = toTRPCError(toProblem(cause), cause)
    expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', cause })
    expect(error.message).toBe(PROBLEM_KINDS.store_full.detail)
  })
})
