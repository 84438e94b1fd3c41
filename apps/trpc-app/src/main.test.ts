import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AppRouter, type RunningApp, startApp } from './main.js'

describe('the tRPC example app', () => {
  let app: RunningApp
  const clientWith = (headers: Record<string, string>) =>
    createTRPCClient<AppRouter>({ links: [httpLink({ url: app.url, headers })] })

  beforeAll(async () => {
    app = await startApp({ port: 0, env: {} })
  })
  afterAll(() => app?.close())

  it('sends an SMS through sms.messages.send to the in-process sandbox', async () => {
    const trpc = clientWith({ 'x-api-key': app.apiKey })
    const sent = await trpc.sms.messages.send.mutate({ to: '0917 123 4567', message: 'Hello' })
    expect(app.sandbox?.sandbox.messages({ to: '639171234567' }).map((m) => m.id)).toEqual([
      sent.messageId,
    ])
  })

  it('refuses the paid procedures without the key and answers problems on bad input', async () => {
    const anonymous = clientWith({})
    await expect(anonymous.sms.account.credits.query()).rejects.toMatchObject({
      data: { code: 'FORBIDDEN' },
    })
    const error = await anonymous.sms.otp.send.mutate({ to: '12345' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TRPCClientError)
    expect((error as TRPCClientError<AppRouter>).data?.problem).toMatchObject({
      code: 'validation_error',
      errors: [{ path: ['to'] }],
    })
  })
})
