// batches.create / batches.get as tRPC procedures, from the same operation table, present only
// when the router is given a queue. Real client, the sandbox over HTTP, the embedded queue.
import { createClient } from '@iprog-sms/core'
import { createSmsQueue } from '@iprog-sms/core/queue'
import { type RunningSandbox, startSandbox } from '@iprog-sms/sandbox'
import { initTRPC, TRPCError } from '@trpc/server'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createSmsRouter, smsErrorFormatter } from '../src/index.js'

const TOKEN = 'tok_made_up_trpc_batches'
let sandbox: RunningSandbox

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, tokens: { [TOKEN]: 1000 } })
})
afterAll(() => sandbox.close())

it('queues a batch through the protected procedure and reads its progress', async () => {
  const client = createClient({ apiToken: TOKEN, baseUrl: sandbox.url })
  const queue = createSmsQueue({ client, ratePerSecond: 1000 })
  const t = initTRPC.context<{ user?: string }>().create({ errorFormatter: smsErrorFormatter })
  const procedure = t.procedure.use(({ ctx, next }) => {
    if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED' })
    return next()
  })
  const options = {
    client,
    procedure,
    publicProcedure: t.procedure,
    logger: { warn() {}, error() {} },
  }
  const withQueue = t.router({ sms: createSmsRouter({ ...options, queue }) })
  const caller = t.createCallerFactory(withQueue)
  await expect(
    caller({}).sms.batches!.create({ to: ['09171112001'], message: 'Hi' }),
  ).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
  const signedIn = caller({ user: 'ana' })
  const created = await signedIn.sms.batches!.create({
    to: ['09171112001', '09171112002'],
    message: 'Hi',
    batchId: 'trpc-batch',
  })
  expect(created).toMatchObject({ batchId: 'trpc-batch', accepted: 2 })
  await queue.drain()
  expect(await signedIn.sms.batches!.get({ id: 'trpc-batch' })).toMatchObject({ total: 2, sent: 2 })
  await expect(signedIn.sms.batches!.get({ id: 'missing' })).rejects.toMatchObject({
    code: 'NOT_FOUND',
  })
  expect(t.router({ sms: createSmsRouter(options) })._def.record.sms).not.toHaveProperty('batches')
  await queue.close()
})
