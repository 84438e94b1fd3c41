/**
 * Live changes for the inbox (and any test that wants them). Payloads are built only when
 * someone listens, so a benchmark with no inbox open pays nothing for them.
 */
export type SandboxEventType =
  | 'message'
  | 'message-status'
  | 'otp'
  | 'reminder'
  | 'balance'
  | 'cleared'
  | 'reset'
  | 'batch'

export interface SandboxEvent {
  type: SandboxEventType
  data: unknown
}

export type SandboxListener = (event: SandboxEvent) => void

export interface EventHub {
  subscribe(listener: SandboxListener): () => void
  /** Whether anyone listens: work done only for an event can be skipped. */
  readonly listening: boolean
  /** `data` is a function so nothing is built when no one listens. */
  publish(type: SandboxEventType, data: () => unknown): void
}

/**
 * Creates a hub with no listeners.
 *
 * @example
 * ```ts
 * const hub = createEventHub()
 * const stop = hub.subscribe((e) => console.log(e.type))
 * hub.publish('message', () => snapshot)
 * ```
 */
export function createEventHub(): EventHub {
  const listeners = new Set<SandboxListener>()
  return {
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    get listening() {
      return listeners.size > 0
    },
    publish(type, data) {
      if (listeners.size === 0) return
      const event = { type, data: data() }
      for (const listener of listeners) listener(event)
    },
  }
}
