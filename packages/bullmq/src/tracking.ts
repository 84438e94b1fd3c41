/**
 * Delivery tracking that outlives its worker. The settle script puts every message it records as
 * `sent` (with `trackDelivery`) into the tracking set in Redis, in the same step; every worker
 * with `trackDelivery` then polls the due members' status under a lease (see `TRACK_TAKE` in
 * `scripts.ts`). A worker killed mid-poll loses nothing: its lease runs out and another worker,
 * or the same one restarted, polls those messages again (a status poll is a read: harmless twice).
 */
import type { QueueClient, TrackDeliveryOptions } from '@iprog-sms/core/queue'
import type { SmsScripts } from './scripts.js'

export interface TrackingOptions {
  scripts: SmsScripts
  client: QueueClient
  /** The scripts' key prefix (`iprog-sms:`). */
  scriptPrefix: string
  track: Required<TrackDeliveryOptions>
  /** How long a taken member is this worker's before another may poll it. */
  leaseMs: number
  /** Status polls in flight at once. */
  concurrency: number
}

export interface Tracking {
  /** Stops polling: the polls in flight are cancelled and their members put back, due again soon. */
  stop(): Promise<void>
}

// Members taken per round: a round's polls must end well inside the lease.
const TAKE = 100

/** `deadline\nwait\nbatchId\nmessageId\nitem`, as the scripts write it. */
export function readTrackingMember(member: string) {
  const [deadline, wait, batchId, messageId, ...item] = member.split('\n')
  return {
    deadline: Number(deadline),
    wait: Number(wait),
    batchId: batchId ?? '',
    messageId: messageId ?? '',
    item: item.join('\n'),
  }
}

/**
 * Starts this worker's share of the polling: it takes due members, reads each status once and
 * records the answers, until `stop()`.
 *
 * @example
 * ```ts
 * const tracking = startTracking({ scripts, client, scriptPrefix: 'iprog-sms:', track: { intervalMs: 2000, timeoutMs: 120_000 }, leaseMs: 30_000, concurrency: 4 })
 * await tracking.stop()
 * ```
 */
export function startTracking(options: TrackingOptions): Tracking {
  const { scripts, client, scriptPrefix, track, leaseMs } = options
  const stopping = new AbortController()
  // Idle, it looks for due members this often: as often as a message is polled, at most 1/s.
  const tickMs = Math.min(track.intervalMs, 1000)

  const poll = async (member: string) => {
    try {
      const { messageId } = readTrackingMember(member)
      return (await client.messages.status(messageId, { signal: stopping.signal })).status
    } catch {
      return '' // not read (a fault, or stopping): polled again after the next wait
    }
  }

  const round = async () => {
    const due = (await scripts.smsTrackTake(scriptPrefix, Date.now(), leaseMs, TAKE)) as string[]
    if (due.length === 0) return 0
    const answers: string[] = []
    let next = 0
    const lane = async () => {
      while (next < due.length) {
        const member = due[next++]!
        answers.push(member, await poll(member))
      }
    }
    await Promise.all(Array.from({ length: Math.min(options.concurrency, due.length) }, lane))
    await scripts.smsTrackDone(scriptPrefix, Date.now(), track.intervalMs, ...answers)
    return due.length
  }

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      let taken = 0
      try {
        taken = await round()
      } catch {
        // Redis unreachable: the members stay in the set; try again after a tick.
      }
      if (taken < TAKE) await sleep(tickMs, stopping.signal)
    }
  })()

  return {
    async stop() {
      stopping.abort()
      await loop
    },
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })
}
