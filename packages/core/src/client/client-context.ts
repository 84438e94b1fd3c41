import type { Request, TransportConfig } from './http/transport.js'
import type { TextPolicy } from './message-text.js'

/**
 * What every method of the client shares: the transport and the resolved options (one object,
 * which is also the transport's configuration).
 */
export interface ClientContext extends TransportConfig {
  request: Request
  text: TextPolicy
  smsProvider: 0 | 1 | 2 | undefined
  senderName: string | undefined
  bulkChunkSize: number
  bulkConcurrency: number
}
