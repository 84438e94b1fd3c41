import { fileURLToPath } from 'node:url'
import { runAppUntilExit } from '@iprog-sms/clinic-shared/testing'
import { expect, it } from 'vitest'

const appDir = fileURLToPath(new URL('..', import.meta.url))

it('refuses to start on wrong settings, naming each, without echoing the key', async () => {
  const { code, stdout, stderr } = await runAppUntilExit(appDir, {
    PORT: 'eighty',
    SMS_ROUTES_KEY: 'letmein',
  })
  expect(code).toBe(1)
  expect(stdout).toBe('')
  expect(stderr.trim().split('\n')).toEqual([
    'PORT must be a whole number from 0 to 65535 (0 picks a free port); got "eighty".',
    'SMS_ROUTES_KEY must be at least 16 characters (it guards the routes that spend credits); it has 7.',
  ])
})
