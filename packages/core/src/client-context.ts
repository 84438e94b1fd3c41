import type { TextPolicy } from './message-text.js'
import type { Request } from './transport.js'

/** What every method of the client shares: the transport and the resolved options. */
export interface ClientContext {
  request: Request
  text: TextPolicy
  smsProvider: 0 | 1 | 2 | undefined
  senderName: string | undefined
  bulkChunkSize: number
  bulkConcurrency: number
  now: () => number
}
