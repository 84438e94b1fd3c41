/**
 * `createSandbox`: the gateway look-alike as a Web `fetch` handler, with inspectors and
 * controls for tests. All state lives in memory, in this one object.
 */
import type { BatchProgress } from '@iprog-sms/core/queue'
import { createAccounts } from './engine/accounts.js'
import { createAgenda } from './engine/agenda.js'
import { type BatchSource, createBatchWatch } from './engine/batches.js'
import { createClock, type SandboxClock, toEpochMs } from './engine/clock.js'
import { createEventHub, type SandboxListener } from './engine/events.js'
import { createFaults, type Fault, type FaultRule, faultReply } from './engine/faults.js'
import { createMessageStore } from './engine/message-store.js'
import { createRandom } from './engine/random.js'
import { type SandboxMessage, settleStatus, viewMessage } from './gateway/delivery.js'
import { formatManila } from './gateway/manila-time.js'
import { isLatestOtp, type SandboxOtp, viewOtp } from './gateway/otp.js'
import { prefixToGatewayForm } from './gateway/phone.js'
import { type SandboxReminder, viewReminder } from './gateway/reminders.js'
import { gatewayReply } from './gateway/routes.js'
import { inboxReply } from './inbox/page.js'
import {
  DEFAULT_BEHAVIOUR,
  DEFAULT_CREDITS,
  DEFAULT_TOKEN,
  type SandboxBehaviour,
  type SandboxOptions,
} from './options.js'
import { CONTROL_PREFIX, controlReply } from './serve/controls.js'
import { FOREIGN_ORIGIN_MESSAGE, isForeignOrigin } from './serve/guards.js'
import {
  type EventStreamReply,
  type HandlerReply,
  isReply,
  jsonReply,
  RESET,
  type SandboxRequest,
} from './serve/wire.js'
import {
  type MessageRecord,
  publishBalances,
  resolveBehaviour,
  type SandboxState,
} from './state.js'

export interface InboxFilter {
  /** Only this recipient (`639…`, `09…` or `+63…`). */
  to?: string
}

/** Everything the inbox shows, at one moment. */
export interface SandboxSnapshot {
  now: string
  /** The latest 500 messages, oldest first. */
  messages: SandboxMessage[]
  /** The latest 100 codes, oldest first. */
  otps: SandboxOtp[]
  reminders: SandboxReminder[]
  balances: Record<string, number>
  config: SandboxBehaviour
  /** The latest 50 batches of the queues watched (`queues`, `watchBatches`), oldest first. */
  batches: BatchProgress[]
}

export interface SandboxFaults {
  /** Adds a fault; it applies from the next request. */
  add(rule: FaultRule): Fault
  list(): Fault[]
  clear(): void
}

export interface Sandbox {
  /** A Web `fetch`: pass it as a client's `fetch` option, or serve it with any Web server. */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>
  /** Captured messages, oldest first. */
  messages(filter?: InboxFilter): SandboxMessage[]
  /** Issued OTP codes, oldest first. */
  otps(filter?: InboxFilter): SandboxOtp[]
  reminders(): SandboxReminder[]
  /** Token → credits left. */
  balances(): Record<string, number>
  /** Creates the token when new. */
  setCredits(token: string, credits: number): void
  /** Adds (or, when negative, takes) credits; returns the new balance. */
  addCredits(token: string, credits: number): number
  removeToken(token: string): boolean
  readonly clock: SandboxClock
  readonly faults: SandboxFaults
  config(): SandboxBehaviour
  configure(patch: Partial<SandboxBehaviour>): SandboxBehaviour
  /** Empties the inbox: captured messages and issued OTP codes. Reminders stay. */
  clearInbox(): void
  /** Back to the options it was created with: tokens, behaviour, clock, and nothing captured. */
  reset(): void
  snapshot(): SandboxSnapshot
  /**
   * Shows the batches of an app's queue in the inbox, with their progress live, from now on.
   * Gives the function that stops it.
   *
   * @example
   * ```ts
   * const queue = createSmsQueue({ client }) // @iprog-sms/core/queue or @iprog-sms/bullmq
   * sandbox.watchBatches(queue)
   * ```
   */
  watchBatches(queue: BatchSource): () => void
  /** The progress of the watched queues' latest batches, oldest first. */
  batches(): BatchProgress[]
  /** Live changes (new message, status, OTP, reminder, balance, cleared, reset, batch). */
  subscribe(listener: SandboxListener): () => void
  /** Stops the sandbox's timer. The sandbox still replies, with time moving only on requests. */
  close(): void
}

/** How the HTTP server reaches the plain-data handler behind `fetch`, without Web objects. */
export type SandboxHandler = (request: SandboxRequest) => HandlerReply | Promise<HandlerReply>

const handlers = new WeakMap<Sandbox, SandboxHandler>()

const TIMER_SLACK_MS = 20

/**
 * The handler behind a sandbox's `fetch`, for servers that read requests themselves.
 *
 * @example
 * ```ts
 * const reply = await handlerOf(sandbox)({ method: 'GET', pathname: '/', query: '', contentType: '', body: '', origin })
 * ```
 */
export function handlerOf(sandbox: Sandbox): SandboxHandler {
  const handler = handlers.get(sandbox)
  if (handler === undefined) throw new TypeError('Not a sandbox made by createSandbox()')
  return handler
}

function toResponse(reply: HandlerReply): Response {
  if (reply === RESET) {
    // The shape undici gives when a server resets the connection.
    const cause = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })
    throw new TypeError('fetch failed', { cause })
  }
  if (isReply(reply)) {
    return new Response(reply.body, {
      status: reply.status,
      headers: { ...reply.headers, 'content-type': reply.contentType },
    })
  }
  return streamResponse(reply)
}

function streamResponse(stream: EventStreamReply): Response {
  const encoder = new TextEncoder()
  let stop = () => {}
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      stop = stream.open((chunk) => controller.enqueue(encoder.encode(chunk)))
    },
    cancel() {
      stop()
    },
  })
  return new Response(body, {
    headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' },
  })
}

/**
 * Creates an in-memory gateway look-alike.
 *
 * @example
 * ```ts
 * const sandbox = createSandbox({ tokens: { 'test-token': 100 }, freezeClock: true })
 * const sms = createClient({ apiToken: 'test-token', baseUrl: 'http://sandbox.test', fetch: sandbox.fetch })
 * await sms.messages.send({ to: '09171234567', message: 'Hello' })
 * sandbox.messages()[0].status // 'pending'
 * ```
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const initialTokens = options.tokens ?? { [DEFAULT_TOKEN]: DEFAULT_CREDITS }
  const initialBehaviour: SandboxBehaviour = {
    statusDelayMs: options.statusDelayMs ?? DEFAULT_BEHAVIOUR.statusDelayMs,
    failNumbers: options.failNumbers ?? DEFAULT_BEHAVIOUR.failNumbers,
    smartTntPrefixes: options.smartTntPrefixes ?? DEFAULT_BEHAVIOUR.smartTntPrefixes,
    httpStatusMirrorsBody: options.httpStatusMirrorsBody ?? DEFAULT_BEHAVIOUR.httpStatusMirrorsBody,
  }
  const random = createRandom(options.seed)
  const maxMessages = options.maxMessages ?? 100_000
  const agenda = createAgenda()
  let timer: ReturnType<typeof setTimeout> | undefined
  let timerAt = Number.POSITIVE_INFINITY
  let closed = false

  const disarm = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    timerAt = Number.POSITIVE_INFINITY
  }
  // One timer, for the earliest due task, only while the clock runs: with a frozen clock time
  // moves only through the controls, which run due work themselves (deterministic tests). Every
  // request and inspection runs due work too, so the timer only keeps the live inbox moving
  // when nothing else happens: it wakes at most every TIMER_SLACK_MS, not once per event-loop
  // turn as it would under a stream of sends.
  const arm = () => {
    const next = agenda.nextAt()
    if (next === undefined || closed || clock.frozen) return disarm()
    if (timer !== undefined && timerAt <= next + TIMER_SLACK_MS) return
    disarm()
    const now = clock.now()
    timerAt = Math.max(next, now + TIMER_SLACK_MS)
    const delay = Math.min(timerAt - now, 2 ** 31 - 1)
    timer = setTimeout(() => {
      timer = undefined
      timerAt = Number.POSITIVE_INFINITY
      tick()
    }, delay)
    ;(timer as { unref?: () => void }).unref?.()
  }
  const tick = () => {
    agenda.runDue(clock.now())
    arm()
  }

  const clock = createClock({
    ...(options.startTime === undefined ? {} : { start: options.startTime }),
    frozen: options.freezeClock ?? false,
    onChange: () => {
      disarm()
      tick()
    },
  })

  const state: SandboxState = {
    behaviour: resolveBehaviour(initialBehaviour),
    clock,
    random,
    accounts: createAccounts(initialTokens),
    events: createEventHub(),
    faults: createFaults(random),
    messages: createMessageStore(maxMessages, random),
    maxMessages,
    otps: [],
    latestOtp: new Map(),
    reminders: new Map(),
    nextReminderId: 1,
    schedule(at, task) {
      agenda.add(at, task)
      if (at < timerAt) arm()
    },
    settleAt(at, record) {
      statuses.add(at, record)
      if (at < timerAt) arm()
    },
  }
  // Every send queues a status: a lane holds them without a task and a closure each.
  const statuses = agenda.lane((record: MessageRecord, now: number) =>
    settleStatus(state, record, now),
  )

  const batchWatch = createBatchWatch({
    publish: (progress) => state.events.publish('batch', () => progress),
  })
  for (const queue of options.queues ?? []) batchWatch.watch(queue)

  // The recipient a filter asks for, in the `639…` form records hold.
  const filterRecipient = (filter: InboxFilter | undefined) =>
    filter?.to === undefined ? undefined : prefixToGatewayForm(filter.to)

  const sandbox: Sandbox = {
    async fetch(input, init) {
      const request = new Request(input, init)
      const url = new URL(request.url)
      const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text()
      const reply = await handle({
        method: request.method,
        pathname: url.pathname,
        query: url.search.slice(1),
        contentType: request.headers.get('content-type') ?? '',
        body,
        origin: url.origin,
        callerOrigin: request.headers.get('origin') ?? undefined,
        signal: request.signal,
      })
      return toResponse(reply)
    },
    messages(filter) {
      tick()
      const to = filterRecipient(filter)
      const out: SandboxMessage[] = []
      for (const record of state.messages.list()) {
        if (to === undefined || record.to === to) out.push(viewMessage(record))
      }
      return out
    },
    otps(filter) {
      tick()
      const to = filterRecipient(filter)
      const now = clock.now()
      return state.otps
        .filter((otp) => to === undefined || otp.to === to)
        .map((otp) => viewOtp(otp, now, isLatestOtp(state, otp)))
    },
    reminders() {
      tick()
      return [...state.reminders.values()].map(viewReminder)
    },
    balances: () => state.accounts.all(),
    setCredits(token, credits) {
      state.accounts.set(token, credits)
      publishBalances(state)
    },
    addCredits(token, credits) {
      const balance = Math.max(0, (state.accounts.balance(token) ?? 0) + credits)
      state.accounts.set(token, balance)
      publishBalances(state)
      return balance
    },
    removeToken(token) {
      const removed = state.accounts.remove(token)
      if (removed) publishBalances(state)
      return removed
    },
    clock,
    faults: {
      add: (rule) => state.faults.add(rule),
      list: () => state.faults.list(),
      clear: () => state.faults.clear(),
    },
    config() {
      const { statusDelayMs, failNumbers, smartTntPrefixes, httpStatusMirrorsBody } =
        state.behaviour
      return {
        statusDelayMs,
        failNumbers: [...failNumbers],
        smartTntPrefixes: [...smartTntPrefixes],
        httpStatusMirrorsBody,
      }
    },
    configure(patch) {
      const next = { ...sandbox.config() }
      for (const key of Object.keys(DEFAULT_BEHAVIOUR) as (keyof SandboxBehaviour)[]) {
        if (patch[key] !== undefined) (next as Record<string, unknown>)[key] = patch[key]
      }
      state.behaviour = resolveBehaviour(next)
      return sandbox.config()
    },
    clearInbox() {
      state.messages.clear()
      state.otps = []
      state.latestOtp.clear()
      state.events.publish('cleared', () => ({}))
    },
    reset() {
      agenda.clear()
      disarm()
      state.behaviour = resolveBehaviour(initialBehaviour)
      state.accounts.replaceAll(initialTokens)
      state.faults.clear()
      state.messages.clear()
      state.otps = []
      state.latestOtp.clear()
      state.reminders.clear()
      state.nextReminderId = 1
      if (options.freezeClock) clock.freeze()
      else clock.resume()
      clock.set(options.startTime === undefined ? Date.now() : toEpochMs(options.startTime))
      batchWatch.clear()
      state.events.publish('reset', () => sandbox.snapshot())
    },
    snapshot() {
      tick()
      const now = clock.now()
      return {
        now: formatManila(now),
        messages: state.messages.list(500).map(viewMessage),
        otps: state.otps.slice(-100).map((otp) => viewOtp(otp, now, isLatestOtp(state, otp))),
        reminders: sandbox.reminders(),
        balances: sandbox.balances(),
        config: sandbox.config(),
        batches: batchWatch.list(),
      }
    },
    watchBatches: (queue) => batchWatch.watch(queue),
    batches: () => batchWatch.list(),
    subscribe: (listener) => state.events.subscribe(listener),
    close() {
      closed = true
      disarm()
      batchWatch.close()
    },
  }

  const handle: SandboxHandler = (request) => {
    // A page of another origin is refused before it reaches any route.
    if (isForeignOrigin(request)) {
      return jsonReply(403, { status: 403, message: FOREIGN_ORIGIN_MESSAGE })
    }
    tick()
    const path = request.pathname
    if (path.startsWith('/api/')) {
      const fault = state.faults.size > 0 ? state.faults.pick(request.method, path) : undefined
      if (fault !== undefined) {
        const mirror = state.behaviour.httpStatusMirrorsBody
        return faultReply(fault, request, () => gatewayReply(state, request), mirror)
      }
      return gatewayReply(state, request)
    }
    if (path === '/' || path === '/index.html') {
      return inboxReply()
    }
    if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) {
      return controlReply(sandbox, request)
    }
    return jsonReply(404, { status: 404, message: 'Not Found' })
  }
  handlers.set(sandbox, handle)
  return sandbox
}
