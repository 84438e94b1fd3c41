import { describe, expect, it } from 'vitest'
import { operationJsonSchemas, PROBLEM_SCHEMA, pathParameterNames } from './json-schemas.js'
import { buildInput, createOperations } from './operations.js'

const operations = createOperations({ maxBulkRecipients: 5 })
const byName = new Map(operations.map((op) => [op.name, op] as const))
const schemasOf = (name: string) => {
  const op = byName.get(name as never)
  if (op === undefined) throw new Error(name)
  return operationJsonSchemas(op)
}

describe('operationJsonSchemas', () => {
  it('puts a body operation into body, a read into querystring, never both', () => {
    for (const op of operations) {
      const schemas = operationJsonSchemas(op)
      expect(schemas.body !== undefined).toBe(op.inputFrom === 'body')
      expect(schemas.querystring !== undefined).toBe(op.inputFrom === 'query')
      expect(schemas.response).toEqual({ '4xx': PROBLEM_SCHEMA, '5xx': PROBLEM_SCHEMA })
    }
  })

  it('takes path parameters out of the body, as buildInput puts them back on top', () => {
    const update = schemasOf('reminders.update')
    expect(update.params).toMatchObject({ required: ['id'], properties: { id: {} } })
    expect(update.body?.['properties']).not.toHaveProperty('id')
    const input = buildInput(byName.get('reminders.update') as never, {
      params: { id: '7' },
      body: { id: 99, message: 'moved' },
    })
    expect(input).toEqual({ id: '7', message: 'moved' })
  })

  it('keeps the required fields of the input', () => {
    expect(schemasOf('messages.send').body?.['required']).toEqual(['to', 'message'])
    expect(schemasOf('messages.status').querystring?.['required']).toEqual([])
    expect(schemasOf('messages.status').params?.['required']).toEqual(['id'])
  })

  it('agrees with the HTTP method on every row of the table', () => {
    for (const op of operations) {
      const fromBody = op.method === 'POST' || op.method === 'PATCH'
      expect(op.inputFrom).toBe(fromBody ? 'body' : 'query')
    }
  })

  it('reads path parameter names in order', () => {
    expect(pathParameterNames('/a/:tenant/b/:id')).toEqual(['tenant', 'id'])
    expect(pathParameterNames('/credits')).toEqual([])
  })
})
