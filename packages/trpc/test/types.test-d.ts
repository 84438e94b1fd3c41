/**
 * Type tests, checked by `tsc` (the package's `typecheck`): a tRPC client infers every SMS input
 * and output through the app router, and the error formatter types `data.problem`.
 */
import type { SmsClient } from '@iprog-sms/core'
import type { ProblemDetails } from '@iprog-sms/core/server'
import { createTRPCClient, httpLink, type TRPCClientError } from '@trpc/client'
import { type inferRouterInputs, type inferRouterOutputs, initTRPC, TRPCError } from '@trpc/server'
import { expectTypeOf } from 'vitest'
import { createSmsRouter, smsErrorFormatter } from '../src/index.js'

interface Context {
  apiKey: string | undefined
  ip: string
}
const t = initTRPC.context<Context>().create({ errorFormatter: smsErrorFormatter })
const protectedProcedure = t.procedure.use(({ ctx, next }) => {
  if (ctx.apiKey === undefined) throw new TRPCError({ code: 'UNAUTHORIZED' })
  return next({ ctx: { apiKey: ctx.apiKey } })
})
declare const client: SmsClient
const appRouter = t.router({
  sms: createSmsRouter({
    client,
    procedure: protectedProcedure,
    publicProcedure: t.procedure,
    getClientIp: (ctx) => {
      expectTypeOf(ctx).toEqualTypeOf<Context>()
      return ctx.ip
    },
  }),
})
type AppRouter = typeof appRouter
type Inputs = inferRouterInputs<AppRouter>
type Outputs = inferRouterOutputs<AppRouter>

expectTypeOf<Inputs['sms']['messages']['send']>().toEqualTypeOf<{
  to: string
  message: string
  smsProvider?: 0 | 1 | 2 | undefined
  senderName?: string | undefined
}>()
expectTypeOf<Inputs['sms']['otp']['verify']>().toEqualTypeOf<{ to: string; code: string }>()
expectTypeOf<Inputs['sms']['reminders']['get']>().toEqualTypeOf<{ id: string | number }>()
expectTypeOf<Outputs['sms']['messages']['send']['messageId']>().toEqualTypeOf<string>()
expectTypeOf<Outputs['sms']['otp']['send']>().toEqualTypeOf<{
  sent: true
  to: string
  expiresAt?: string | undefined
}>()
expectTypeOf<Outputs['sms']['segments']['encoding']>().toEqualTypeOf<'GSM-7' | 'UCS-2'>()
// Without a transformer a Date crosses the wire as an ISO string, and the client knows it.
expectTypeOf<Outputs['sms']['reminders']['create']['scheduledAt']>().toEqualTypeOf<string>()

const trpc = createTRPCClient<AppRouter>({ links: [httpLink({ url: 'http://localhost/trpc' })] })
expectTypeOf(trpc.sms.messages.send.mutate)
  .parameter(0)
  .toEqualTypeOf<Inputs['sms']['messages']['send']>()
expectTypeOf(trpc.sms.messages.status.query).returns.resolves.toHaveProperty('status')
// Reads without fields need no argument.
void trpc.sms.account.credits.query()
// @ts-expect-error: `to` is required
void trpc.sms.messages.send.mutate({ message: 'hi' })
// @ts-expect-error: the OTP send takes no message (a public route is no SMS relay)
void trpc.sms.otp.send.mutate({ to: '09171234567', message: 'free spam' })

declare const error: TRPCClientError<AppRouter>
expectTypeOf(error.data?.problem).toEqualTypeOf<ProblemDetails | null | undefined>()
expectTypeOf<NonNullable<typeof error.data>['code']>().toEqualTypeOf<
  import('@trpc/server').TRPC_ERROR_CODE_KEY
>()
