/**
 * `@iprog-sms/trpc`: the operations of `@iprog-sms/core/server` as tRPC 11 procedures, on the
 * user's own procedure builders (so their auth middleware guards the credit-spending ones).
 * Translation only: validation, OTP limits and error mapping live in core; an error leaves as a
 * `TRPCError` whose `cause` is the core error, and `smsErrorFormatter` puts its problem details
 * into `shape.data.problem`.
 */
import {
  createSmsService,
  type OperationName,
  type OperationOutputs,
  type OperationSchemas,
  type SmsService,
  type SmsServiceOptions,
} from '@iprog-sms/core/server'
import type { AnyTRPCProcedure, TRPCMutationProcedure, TRPCQueryProcedure } from '@trpc/server'
import type { z } from 'zod'
import { toTRPCError } from './errors.js'
import { type SmsInput, typedInput } from './typed-input.js'

type Resolver<TContext> = (opts: {
  input: unknown
  ctx: TContext
  signal?: AbortSignal | undefined
}) => Promise<unknown>

/** What `createSmsRouter` needs of a procedure builder (`t.procedure` or one with middleware). */
export interface SmsProcedureBuilder<TContext> {
  input(parser: ReturnType<typeof typedInput>): {
    query(resolver: Resolver<TContext>): AnyTRPCProcedure
    mutation(resolver: Resolver<TContext>): AnyTRPCProcedure
  }
}

/** Options of `createSmsRouter`: the `createSmsService` options, minus what tRPC does itself. */
export interface SmsRouterOptions<TContext>
  extends Omit<
    SmsServiceOptions,
    'authorize' | 'trustProxy' | 'getClientIp' | 'basePath' | 'openapi'
  > {
  /** Builds the procedures that spend credits or read account data: put your auth on it. */
  procedure: SmsProcedureBuilder<TContext>
  /** Builds OTP and segments, public by nature (OTP is limited per number and address). */
  publicProcedure: SmsProcedureBuilder<TContext>
  /**
   * The client address for the per-address OTP limit. Default: `ctx.ip`, else
   * `ctx.req.socket.remoteAddress` (Node adapters whose context holds `req`), else one shared
   * budget for everyone.
   */
  getClientIp?: (ctx: TContext) => string | undefined
}

type Def<N extends OperationName> = {
  input: SmsInput<z.input<OperationSchemas[N]>>
  output: OperationOutputs[N]
  meta: unknown
}
type Query<N extends OperationName> = TRPCQueryProcedure<Def<N>>
type Mutation<N extends OperationName> = TRPCMutationProcedure<Def<N>>

/**
 * The procedures, nested as their operation names (`sms.messages.send`). A type, not an
 * interface: tRPC's router input is an index signature, which only type literals satisfy.
 */
export type SmsRouterRecord = {
  messages: {
    send: Mutation<'messages.send'>
    sendBulk: Mutation<'messages.sendBulk'>
    status: Query<'messages.status'>
  }
  account: { credits: Query<'account.credits'> }
  otp: { send: Mutation<'otp.send'>; verify: Mutation<'otp.verify'> }
  reminders: {
    create: Mutation<'reminders.create'>
    get: Query<'reminders.get'>
    update: Mutation<'reminders.update'>
    delete: Mutation<'reminders.delete'>
  }
  segments: Mutation<'segments'>
  /** Present when the options have a `queue`. */
  batches?: { create: Mutation<'batches.create'>; get: Query<'batches.get'> }
}

/**
 * The SMS procedures as a tRPC sub-router record: reads (`GET` operations) are queries, the rest
 * mutations. Mount it in your router; `t.router(createSmsRouter(...))` makes it a router alone.
 *
 * @example
 * ```ts
 * const appRouter = t.router({
 *   sms: createSmsRouter({ client, procedure: protectedProcedure, publicProcedure: t.procedure }),
 * })
 * ```
 */
export function createSmsRouter<TContext>(options: SmsRouterOptions<TContext>): SmsRouterRecord {
  const { procedure, publicProcedure, getClientIp = contextAddress, ...rest } = options
  // The user's `procedure` middleware is the authorization here; core must not ask again.
  const service = createSmsService({ ...rest, authorize: () => true })
  const record: Record<string, unknown> = {}
  for (const operation of service.operations) {
    const builder = operation.needsAuthorize ? procedure : publicProcedure
    const resolver: Resolver<TContext> = ({ input, ctx, signal }) =>
      run(service, operation.name, input, getClientIp(ctx), signal)
    const withInput = builder.input(typedInput())
    const built =
      operation.method === 'GET' ? withInput.query(resolver) : withInput.mutation(resolver)
    const [group, leaf] = operation.name.split('.') as [string, string | undefined]
    record[group] = leaf === undefined ? built : { ...(record[group] as object), [leaf]: built }
  }
  return record as unknown as SmsRouterRecord
}

async function run(
  service: SmsService,
  name: OperationName,
  input: unknown,
  ip: string | undefined,
  signal: AbortSignal | undefined,
): Promise<unknown> {
  try {
    return await service.invoke(name, { input: input ?? {}, ip, signal })
  } catch (error) {
    throw toTRPCError(service.toProblem(error), error)
  }
}

function contextAddress(ctx: unknown): string | undefined {
  const c = ctx as { ip?: unknown; req?: { socket?: { remoteAddress?: unknown } } } | undefined
  if (typeof c?.ip === 'string') return c.ip
  const socket = c?.req?.socket?.remoteAddress
  return typeof socket === 'string' ? socket : undefined
}

export { smsErrorFormatter, smsProblem, smsResponseMeta, toTRPCError } from './errors.js'
export type { SmsInput } from './typed-input.js'
