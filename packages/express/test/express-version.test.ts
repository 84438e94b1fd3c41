import express from 'express'
import express4 from 'express4'
import { expect, it } from 'vitest'

it('runs on the Express major its project names (the alias reaches the adapter too)', () => {
  if (process.env['EXPRESS_MAJOR'] === '4') expect(express).toBe(express4)
  else expect(express).not.toBe(express4)
})
