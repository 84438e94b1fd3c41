// Checked by `tsc` (the typecheck task): what a `@trpc/client` of this app sees.
import type { Announcement, Appointment } from '@iprog-sms/clinic-shared'
import type { BatchProgress } from '@iprog-sms/core/queue'
import { createTRPCClient, httpLink } from '@trpc/client'
import { expectTypeOf } from 'vitest'
import type { AppRouter } from '../src/app.js'

const trpc = createTRPCClient<AppRouter>({
  links: [httpLink({ url: 'http://127.0.0.1:3000/trpc' })],
})

expectTypeOf(trpc.clinic.signIn.mutate).parameter(0).toEqualTypeOf<{
  phone: string
  code: string
}>()
expectTypeOf(trpc.clinic.signIn.mutate).returns.resolves.toEqualTypeOf<{ phone: string }>()
expectTypeOf(trpc.clinic.book.mutate).parameter(0).toEqualTypeOf<{ startsAt: string }>()
expectTypeOf(trpc.clinic.book.mutate).returns.resolves.toEqualTypeOf<Appointment>()
expectTypeOf(trpc.clinic.announce.mutate).returns.resolves.toEqualTypeOf<Announcement>()
expectTypeOf(trpc.clinic.announcement.query).returns.resolves.toEqualTypeOf<BatchProgress>()
// @ts-expect-error: startsAt is required
void trpc.clinic.book.mutate({})
