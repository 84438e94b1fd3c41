/**
 * The app the tRPC tests run against: a router with the SMS procedures behind an `x-api-key`
 * middleware, served by tRPC's standalone adapter on port 0, and a driver that calls it through
 * a real `@trpc/client` and turns answers into the conformance suite's outcomes.
 */
import type { IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Driver, Outcome } from '@iprog-sms/conformance'
import { createOperations } from '@iprog-sms/core/internal'
import type { OperationName } from '@iprog-sms/core/server'
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client'
import { initTRPC, TRPCError } from '@trpc/server'
import { createHTTPServer } from '@trpc/server/adapters/standalone'
import {
  createSmsRouter,
  type SmsRouterOptions,
  smsErrorFormatter,
  smsResponseMeta,
} from '../src/index.js'

export interface Context {
  apiKey: string | undefined
  req: IncomingMessage
}

export function buildRouter(
  key: string,
  options: Omit<SmsRouterOptions<Context>, 'procedure' | 'publicProcedure'>,
) {
  // isDev: false, as in production: tRPC's default formatter adds stacks in development.
  const t = initTRPC.context<Context>().create({ errorFormatter: smsErrorFormatter, isDev: false })
  const protectedProcedure = t.procedure.use(({ ctx, next }) => {
    if (ctx.apiKey !== key) {
      throw new TRPCError({ code: 'FORBIDDEN', message: 'Not allowed to use this operation' })
    }
    return next()
  })
  return t.router({
    sms: createSmsRouter({
      ...options,
      procedure: protectedProcedure,
      publicProcedure: t.procedure,
    }),
  })
}

export type AppRouter = ReturnType<typeof buildRouter>

export interface StartedTrpcApp {
  url: string
  close(): Promise<void>
}

export async function startTrpcApp(router: AppRouter): Promise<StartedTrpcApp> {
  const server = createHTTPServer({
    router,
    createContext: ({ req }) => ({ apiKey: req.headers['x-api-key'] as string | undefined, req }),
    responseMeta: smsResponseMeta,
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

const table = new Map(createOperations({ maxBulkRecipients: 1 }).map((op) => [op.name, op]))

export interface TrpcDriver extends Driver {
  /** Raw text of every HTTP answer, for leak checks. */
  readonly texts: string[]
}

/**
 * A conformance driver over `@trpc/client`: a success gets the REST status of the operation (tRPC
 * always answers 200); an error gets tRPC's HTTP status and `data.problem` as the body.
 */
export function createTrpcDriver(url: string): TrpcDriver {
  const texts: string[] = []
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url,
        headers: ({ op }) => (op.context['headers'] as Record<string, string>) ?? {},
        fetch: async (input, init) => {
          const response = await fetch(input, init as RequestInit)
          texts.push(await response.clone().text())
          return response
        },
      }),
    ],
  })
  return {
    texts,
    async call(operation: OperationName, input = {}, headers = {}): Promise<Outcome> {
      const route = table.get(operation)
      if (route === undefined) throw new Error(`unknown operation ${operation}`)
      // biome-ignore lint/suspicious/noExplicitAny: walks the typed proxy by a runtime path
      const procedure = operation.split('.').reduce<any>((node, key) => node[key], client.sms)
      const call = route.method === 'GET' ? procedure.query : procedure.mutate
      try {
        const body = await call(input, { context: { headers } })
        const outcome = { status: route.successStatus, headers: new Headers(), body }
        return { ...outcome, text: texts.at(-1) ?? '' }
      } catch (error) {
        if (!(error instanceof TRPCClientError)) throw error
        const data = error.data as { httpStatus: number; code: string; problem: unknown }
        const retryAfter = error.meta?.['response'] as Response | undefined
        const outHeaders = new Headers({ 'content-type': 'application/problem+json' })
        const header = retryAfter?.headers.get('retry-after')
        if (header) outHeaders.set('retry-after', header)
        // Errors of the app's own middleware carry no SMS problem: describe them from tRPC's code.
        const body = data.problem ?? {
          status: data.httpStatus,
          type: `trpc:${data.code}`,
          title: data.code,
          code: data.code,
        }
        return { status: data.httpStatus, headers: outHeaders, body, text: texts.at(-1) ?? '' }
      }
    },
  }
}
