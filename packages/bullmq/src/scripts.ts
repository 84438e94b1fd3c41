/**
 * The Lua scripts that move recipients between states. Each runs atomically in Redis, so a
 * state change and its batch counters always agree, and two workers can never both claim one
 * recipient.
 */
import type { Redis } from 'ioredis'

// Moves a batch recipient's counter from one state to another (no-op outside a batch).
const MOVE = `
local function move(prefix, o, from, to)
  local batchId = redis.call('HGET', o, 'batchId')
  if batchId and from ~= to then
    local b = prefix .. 'b:' .. batchId
    redis.call('HINCRBY', b, from, -1)
    redis.call('HINCRBY', b, to, 1)
  end
end
`

/**
 * ARGV: prefix, batchId, now, ttlMs, message, sender, numbers…
 * Adds the numbers that are new to the batch as `queued`. Gives [new numbers, numbers already
 * in the batch and still queued (their job may have been lost with a crashed producer), the
 * batch's message, its sender] (the first call's message wins).
 */
const ENQUEUE_BULK = `
local prefix, batchId, now, ttl = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local batch = prefix .. 'b:' .. batchId
local members = batch .. ':m'
if redis.call('HSETNX', batch, 'message', ARGV[5]) == 1 then
  redis.call('HSET', batch, 'sender', ARGV[6], 'createdAt', now, 'total', 0, 'queued', 0,
    'sending', 0, 'sent', 0, 'failed', 0, 'unknown', 0)
end
local fresh, waiting = {}, {}
for i = 7, #ARGV do
  local to = ARGV[i]
  local o = prefix .. 'o:' .. batchId .. ':' .. to
  if redis.call('SADD', members, to) == 1 then
    redis.call('HSET', o, 'to', to, 'state', 'queued', 'batchId', batchId, 'attempts', 0, 'updatedAt', now)
    redis.call('PEXPIRE', o, ttl)
    fresh[#fresh + 1] = to
  elseif redis.call('HGET', o, 'state') == 'queued' then
    waiting[#waiting + 1] = to
  end
end
redis.call('HINCRBY', batch, 'total', #fresh)
redis.call('HINCRBY', batch, 'queued', #fresh)
redis.call('PEXPIRE', batch, ttl)
redis.call('PEXPIRE', members, ttl)
return { fresh, waiting, redis.call('HGET', batch, 'message'), redis.call('HGET', batch, 'sender') }
`

/**
 * ARGV: prefix, key, now, ttlMs, to, message, sender
 * Gives '' when the key is new (now `queued`), else its current state.
 */
const ENQUEUE_ONE = `
local o = ARGV[1] .. 'o:' .. ARGV[2]
local state = redis.call('HGET', o, 'state')
if state then return state end
redis.call('HSET', o, 'to', ARGV[5], 'state', 'queued', 'attempts', 0, 'updatedAt', ARGV[3],
  'message', ARGV[6], 'sender', ARGV[7])
redis.call('PEXPIRE', o, tonumber(ARGV[4]))
return ''
`

/**
 * ARGV: prefix, jobId, token, now, ttlMs, keys…
 * Claims the job's recipients that are still `queued` (now `sending`, owned by this job and
 * token, one more attempt). A recipient already `sending` for this same job id was claimed by
 * an earlier run of the job whose worker died before it recorded the answer: it may have been
 * sent, so it becomes `unknown` and is not sent again. Gives [claimed indexes, lost indexes]
 * (1-based, into keys).
 */
const CLAIM = `${MOVE}
local prefix, jobId, token, now, ttl = ARGV[1], ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5])
local claimed, lost = {}, {}
for i = 6, #ARGV do
  local o = prefix .. 'o:' .. ARGV[i]
  local state = redis.call('HGET', o, 'state')
  if state == 'queued' then
    redis.call('HSET', o, 'state', 'sending', 'owner', jobId, 'token', token, 'updatedAt', now)
    redis.call('HINCRBY', o, 'attempts', 1)
    redis.call('PEXPIRE', o, ttl)
    move(prefix, o, 'queued', 'sending')
    claimed[#claimed + 1] = i - 5
  elseif state == 'sending' and redis.call('HGET', o, 'owner') == jobId then
    redis.call('HSET', o, 'state', 'unknown', 'errorCode', 'worker_lost', 'errorMessage',
      'The worker stopped during the gateway call; the SMS may have been sent', 'updatedAt', now)
    redis.call('PEXPIRE', o, ttl)
    move(prefix, o, 'sending', 'unknown')
    lost[#lost + 1] = i - 5
  end
end
return { claimed, lost }
`

/**
 * ARGV: prefix, token, now, ttlMs, track, then per recipient: key, state, messageId, smsRate,
 * errorCode, errorMessage.
 * Records the answer of a claim made with this token. A recipient meanwhile marked `unknown`
 * (its job was handed to another worker while this one was still waiting) is corrected to
 * `sent` when the answer says so; any other change to it is left alone.
 */
const SETTLE = `${MOVE}
local prefix, token, now, ttl, track = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5]
local done = 0
for i = 6, #ARGV, 6 do
  local o = prefix .. 'o:' .. ARGV[i]
  local want = ARGV[i + 1]
  local state = redis.call('HGET', o, 'state')
  if redis.call('HGET', o, 'token') == token and (state == 'sending' or (state == 'unknown' and want == 'sent')) then
    move(prefix, o, state, want)
    redis.call('HSET', o, 'state', want, 'updatedAt', now)
    if want == 'sent' then
      redis.call('HSET', o, 'messageId', ARGV[i + 2])
      if ARGV[i + 3] ~= '' then redis.call('HSET', o, 'smsRate', ARGV[i + 3]) end
      if track == '1' then redis.call('HSET', o, 'delivery', 'pending') end
      redis.call('HDEL', o, 'errorCode', 'errorMessage')
    else
      redis.call('HSET', o, 'errorCode', ARGV[i + 4], 'errorMessage', ARGV[i + 5])
    end
    redis.call('PEXPIRE', o, ttl)
    done = done + 1
  end
end
return done
`

/**
 * ARGV: prefix, key, now, ttlMs
 * Puts a `failed` or `unknown` recipient back to `queued` (a new claim is needed to send it).
 * Gives [to, message, sender] or nil when the key is in another state or unknown.
 */
const RETRY = `${MOVE}
local prefix, key, now, ttl = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local o = prefix .. 'o:' .. key
local state = redis.call('HGET', o, 'state')
if state ~= 'failed' and state ~= 'unknown' then return nil end
move(prefix, o, state, 'queued')
redis.call('HSET', o, 'state', 'queued', 'updatedAt', now)
redis.call('HDEL', o, 'owner', 'token')
redis.call('PEXPIRE', o, ttl)
local message, sender = redis.call('HGET', o, 'message'), redis.call('HGET', o, 'sender')
local batchId = redis.call('HGET', o, 'batchId')
if batchId then
  local b = prefix .. 'b:' .. batchId
  message, sender = redis.call('HGET', b, 'message'), redis.call('HGET', b, 'sender')
end
return { redis.call('HGET', o, 'to'), message, sender }
`

/** ARGV: prefix, key, delivery, now. Records the delivery status of a recipient that still exists. */
const DELIVERY = `
local o = ARGV[1] .. 'o:' .. ARGV[2]
if redis.call('EXISTS', o) == 1 then redis.call('HSET', o, 'delivery', ARGV[3], 'updatedAt', ARGV[4]) end
return 0
`

const SCRIPTS = {
  smsEnqueueBulk: ENQUEUE_BULK,
  smsEnqueueOne: ENQUEUE_ONE,
  smsClaim: CLAIM,
  smsSettle: SETTLE,
  smsRetry: RETRY,
  smsDelivery: DELIVERY,
} as const

type ScriptName = keyof typeof SCRIPTS

/** The scripts as functions of one connection (EVALSHA, loaded on first use). */
export type SmsScripts = Record<ScriptName, (...args: (string | number)[]) => Promise<unknown>>

/**
 * Defines the scripts on a connection (once) and gives them as functions.
 *
 * @example
 * ```ts
 * const scripts = defineScripts(redis)
 * await scripts.smsClaim(prefix, jobId, token, now, ttl, ...keys)
 * ```
 */
export function defineScripts(redis: Redis): SmsScripts {
  const commands = redis as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>
  const scripts = {} as SmsScripts
  for (const [name, lua] of Object.entries(SCRIPTS) as [ScriptName, string][]) {
    if (typeof commands[name] !== 'function') redis.defineCommand(name, { numberOfKeys: 0, lua })
    scripts[name] = (...args) => commands[name]!(...args)
  }
  return scripts
}
