/**
 * Type tests, checked by `tsc` (the package's `typecheck`): `fastify.sms` is the typed client
 * and the route inputs and replies carry the operation types.
 */
import type { SendResult, SmsClient } from '@iprog-sms/core'
import Fastify from 'fastify'
import { expectTypeOf } from 'vitest'
import { iprogSms, type SmsRouteInput, type SmsRouteReply } from '../src/index.js'

const app = Fastify()
await app.register(iprogSms, { prefix: '/sms', authorize: (ctx) => ctx.headers.has('x-api-key') })

expectTypeOf(app.sms).toEqualTypeOf<SmsClient>()
expectTypeOf(app.sms.messages.send).returns.resolves.toEqualTypeOf<SendResult>()
app.get('/mine', async function () {
  expectTypeOf(this.sms).toEqualTypeOf<SmsClient>()
})

expectTypeOf<SmsRouteInput<'messages.send'>>().toEqualTypeOf<{
  to: string
  message: string
  smsProvider?: 0 | 1 | 2 | undefined
  senderName?: string | undefined
}>()
expectTypeOf<SmsRouteInput<'otp.verify'>>().toEqualTypeOf<{ to: string; code: string }>()
expectTypeOf<SmsRouteReply<'otp.send'>>().toHaveProperty('sent').toEqualTypeOf<true>()
expectTypeOf<SmsRouteReply<'otp.send'>>().not.toHaveProperty('code')
expectTypeOf<SmsRouteReply<'messages.send'>>().toEqualTypeOf<SendResult>()

// @ts-expect-error: the options are checked (an unknown operation store shape is refused)
await app.register(iprogSms, { store: { increment: 1 } })
