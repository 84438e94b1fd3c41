import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { describeAdapter } from '@iprog-sms/conformance'
import express from 'express'
import { smsRouter } from '../src/index.js'

// `express 4` when the Express 4 project of vitest.config.ts runs this file.
const major = process.env['EXPRESS_MAJOR']

describeAdapter(
  major === undefined ? 'express' : `express ${major}`,
  async ({ options, prefix, preParsedBody }) => {
    const app = express()
    // An existing app with its own JSON parser (and a larger limit) before the SMS routes.
    if (preParsedBody) app.use(express.json({ limit: '1mb' }))
    app.use(prefix, smsRouter(options))
    const server = app.listen(0, '127.0.0.1')
    await once(server, 'listening')
    const { port } = server.address() as AddressInfo
    return {
      baseUrl: `http://127.0.0.1:${port}${prefix}`,
      close: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve())
          server.closeAllConnections()
        }),
    }
  },
  { preParsedBody: true },
)
