/**
 * Fault injection for tests: the next N requests (or a share of them) to a path, or to every
 * gateway path, reply badly. Controls and the inbox are never faulted.
 */
import { gatewayError, SERVER_ERROR_PAGE } from '../gateway/replies.js'
import {
  type HandlerReply,
  JSON_TYPE,
  RESET,
  type SandboxReply,
  type SandboxRequest,
} from '../serve/wire.js'

export type FaultKind =
  /** HTTP 500 with an HTML error page, as a crashed app behind a proxy gives. */
  | 'http-500'
  /** The gateway's own refusal body (`{ status: 500, message }`), HTTP 200 unless mirrored. */
  | 'gateway-error'
  /** The reply comes `delayMs` late: past the client's timeout. */
  | 'timeout'
  /** The connection is reset instead of replied to. */
  | 'reset'
  /** The reply is cut short: JSON that does not parse. */
  | 'malformed-json'

export interface FaultRule {
  kind: FaultKind
  /** Exact path (`/api/v1/sms_messages`) or a prefix ending in `*`. Default: every `/api/` path. */
  path?: string
  /** Only this HTTP method. Default: any. */
  method?: string
  /** How many requests it hits. Default 1, or unlimited when `rate` is given. */
  times?: number
  /** Share of matching requests hit, 0-1, drawn from the sandbox's seeded random source. */
  rate?: number
  /** `timeout`: how late the reply comes. Default 15 000 ms (the client's default timeout is 10 s). */
  delayMs?: number
  /** `gateway-error`: the message. Default `Internal server error`. */
  message?: string
  /**
   * Whether the request is carried out (message sent, credits charged) before the fault. Default
   * true for `timeout` and `malformed-json` (the reply was lost, the work was done), false for
   * the others. That is the case a client must treat as "maybe delivered".
   */
  deliver?: boolean
}

/** A fault as it stands: its rule with defaults, how many hits are left, how many happened. */
export interface Fault {
  id: number
  kind: FaultKind
  path: string | undefined
  method: string | undefined
  /** Hits left; `null` when unlimited. */
  remaining: number | null
  rate: number | undefined
  delayMs: number
  message: string
  deliver: boolean
  hits: number
}

export interface FaultStore {
  add(rule: FaultRule): Fault
  list(): Fault[]
  clear(): void
  /** The fault that hits this request, if any (and counts the hit). */
  pick(method: string, pathname: string): Fault | undefined
  readonly size: number
}

const KINDS: readonly FaultKind[] = [
  'http-500',
  'gateway-error',
  'timeout',
  'reset',
  'malformed-json',
]

const MAX_DELAY_MS = 2 ** 31 - 1

function matches(fault: Fault, method: string, pathname: string): boolean {
  if (fault.method !== undefined && fault.method !== method) return false
  if (fault.path === undefined) return true
  if (fault.path.endsWith('*')) return pathname.startsWith(fault.path.slice(0, -1))
  return fault.path === pathname
}

/**
 * Checks a rule and fills its defaults.
 *
 * @example
 * ```ts
 * toFault({ kind: 'http-500', times: 2 }, 1).remaining // 2
 * ```
 */
export function toFault(rule: FaultRule, id: number): Fault {
  if (rule === null || typeof rule !== 'object') throw new TypeError('A fault rule is an object')
  if (!KINDS.includes(rule.kind)) {
    throw new RangeError(
      `Unknown fault kind ${JSON.stringify(rule.kind)}; use one of ${KINDS.join(', ')}`,
    )
  }
  if (
    rule.rate !== undefined &&
    !(typeof rule.rate === 'number' && rule.rate >= 0 && rule.rate <= 1)
  ) {
    throw new RangeError('rate must be between 0 and 1')
  }
  if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times >= 1)) {
    throw new RangeError('times must be an integer >= 1')
  }
  for (const key of ['path', 'method', 'message'] as const) {
    if (rule[key] !== undefined && typeof rule[key] !== 'string') {
      throw new TypeError(`${key} must be a string`)
    }
  }
  const delayMs = rule.delayMs ?? 15_000
  // Past 2^31 - 1 ms a timer fires at once: a "late" reply would come early.
  if (!(typeof delayMs === 'number' && delayMs >= 0 && delayMs <= MAX_DELAY_MS)) {
    throw new RangeError(`delayMs must be from 0 to ${MAX_DELAY_MS}`)
  }
  return {
    id,
    kind: rule.kind,
    path: rule.path,
    method: rule.method?.toUpperCase(),
    remaining: rule.times ?? (rule.rate === undefined ? 1 : null),
    rate: rule.rate,
    delayMs,
    message: rule.message ?? 'Internal server error',
    deliver: rule.deliver ?? (rule.kind === 'timeout' || rule.kind === 'malformed-json'),
    hits: 0,
  }
}

/**
 * Creates an empty fault list.
 *
 * @example
 * ```ts
 * const faults = createFaults(createRandom(1))
 * faults.add({ kind: 'reset', path: '/api/v1/sms_messages' })
 * ```
 */
export function createFaults(random: () => number): FaultStore {
  let faults: Fault[] = []
  let nextId = 1
  return {
    add(rule) {
      const fault = toFault(rule, nextId++)
      faults.push(fault)
      return { ...fault }
    },
    list: () => faults.map((f) => ({ ...f })),
    clear() {
      faults = []
    },
    pick(method, pathname) {
      for (const fault of faults) {
        if (!matches(fault, method, pathname)) continue
        if (fault.rate !== undefined && random() >= fault.rate) continue
        fault.hits++
        if (fault.remaining !== null && --fault.remaining === 0) {
          faults = faults.filter((f) => f !== fault)
        }
        return fault
      }
      return undefined
    },
    get size() {
      return faults.length
    },
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal!.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    // A sleeping fault must not keep a test process alive.
    ;(timer as { unref?: () => void }).unref?.()
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/**
 * The reply a request gets when `fault` hits it; `carryOut` does the real work.
 *
 * @example
 * ```ts
 * const fault = faults.pick(request.method, request.pathname)
 * if (fault) return faultReply(fault, request, () => gatewayReply(state, request), mirror)
 * ```
 */
export async function faultReply(
  fault: Fault,
  request: SandboxRequest,
  carryOut: () => SandboxReply,
  mirror: boolean,
): Promise<HandlerReply> {
  const done = fault.deliver ? carryOut() : undefined
  switch (fault.kind) {
    case 'http-500':
      return { status: 500, contentType: 'text/html; charset=utf-8', body: SERVER_ERROR_PAGE }
    case 'gateway-error':
      return gatewayError(mirror, fault.message)
    case 'reset':
      return RESET
    case 'malformed-json': {
      const body = (done ?? gatewayError(mirror, fault.message)).body
      return {
        status: 200,
        contentType: JSON_TYPE,
        body: body.slice(0, Math.max(1, body.length >> 1)),
      }
    }
    case 'timeout':
      await sleep(fault.delayMs, request.signal)
      return done ?? gatewayError(mirror, fault.message)
  }
}
