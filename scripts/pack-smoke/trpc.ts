// @iprog-sms/trpc's README: createSmsRouter on the app's own procedures, smsErrorFormatter.
import { createClient } from '@iprog-sms/core'
import { createSmsRouter, smsErrorFormatter } from '@iprog-sms/trpc'
import { initTRPC, TRPCError } from '@trpc/server'
import { check, type Gateway } from './gateway.js'

interface Context {
  user?: { id: string }
}

export async function run(gateway: Gateway): Promise<void> {
  const t = initTRPC.context<Context>().create({ errorFormatter: smsErrorFormatter })
  const protectedProcedure = t.procedure.use(({ ctx, next }) => {
    if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED' })
    return next()
  })
  const appRouter = t.router({
    sms: createSmsRouter({
      client: createClient({ baseUrl: gateway.url, apiToken: gateway.token }),
      procedure: protectedProcedure,
      publicProcedure: t.procedure,
    }),
  })
  const caller = t.createCallerFactory(appRouter)
  const signedIn = caller({ user: { id: 'u1' } })
  const sent = await signedIn.sms.messages.send({ to: '0917 123 4567', message: 'Hi' })
  check(sent.messageId, 'trpc: sms.messages.send')
  const anonymous = caller({})
  const refused = await anonymous.sms.messages.send({ to: '0917 123 4567', message: 'Hi' }).then(
    () => undefined,
    (error: unknown) => error,
  )
  check(refused instanceof TRPCError && refused.code === 'UNAUTHORIZED', 'trpc: procedure refuses')
}
