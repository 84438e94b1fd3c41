import type { AddressInfo } from 'node:net'
import { describeAdapter } from '@iprog-sms/conformance'
import Fastify from 'fastify'
import { iprogSms } from '../src/index.js'

describeAdapter(
  'fastify',
  async ({ options, prefix, preParsedBody }) => {
    const app = Fastify()
    if (preParsedBody) {
      // An existing app with its own JSON parser (and a larger limit) for every route.
      app.removeContentTypeParser('application/json')
      app.addContentTypeParser(
        'application/json',
        { parseAs: 'string', bodyLimit: 1_048_576 },
        (_request, body, done) => {
          try {
            done(null, JSON.parse(body as string))
          } catch (error) {
            done(Object.assign(error as Error, { statusCode: 400 }), undefined)
          }
        },
      )
    }
    await app.register(iprogSms, { ...options, prefix })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = app.server.address() as AddressInfo
    return { baseUrl: `http://127.0.0.1:${port}${prefix}`, close: () => app.close() }
  },
  { preParsedBody: true },
)
