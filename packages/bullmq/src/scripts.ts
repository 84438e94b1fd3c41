/**
 * The Lua scripts that move recipients between states. Each runs atomically in Redis, so a
 * state change and its batch counters always agree, and two workers can never both claim one
 * recipient.
 *
 * A recipient's record is one packed string
 * `state|attempts|updatedAt|owner|token|messageId|smsRate|delivery|errorCode|errorMessage`
 * (only the last field may hold a `|`). A batch keeps its recipients' records as the fields of
 * one hash (`{prefix}:b:{batchId}:s`, field = the number), so a job of 500 recipients is claimed
 * with one HMGET and one HSET; a single send keeps its record in field `r` of its own hash
 * (`{prefix}:o:{key}`, beside `to`, `message`, `sender`).
 */
import type { Redis } from 'ioredis'

// Shared by every script: records, and batch counters summed per state while a script runs
// and written once at its end.
const COMMON = `
-- One C-level match per record: state, attempts, updatedAt, owner, token, and the rest
-- (messageId|smsRate|delivery|errorCode|errorMessage) kept as one string.
local function head(v)
  return string.match(v, '^([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|(.*)$')
end
local function record(state, attempts, updatedAt, owner, token, rest)
  return state .. '|' .. attempts .. '|' .. updatedAt .. '|' .. owner .. '|' .. token .. '|' .. rest
end
local NO_RESULT = '||||'
local counters = {}
local function move(from, to)
  if from ~= to then
    counters[from] = (counters[from] or 0) - 1
    counters[to] = (counters[to] or 0) + 1
  end
end
-- Where a job's records live: the batch's hash (fields = numbers), or a single key's hash (field r).
local function container(prefix, batchId, items)
  if batchId ~= '' then return prefix .. 'b:' .. batchId .. ':s', items end
  return prefix .. 'o:' .. items[1], { 'r' }
end
local function finish(prefix, batchId, ttl)
  if batchId == '' then return end
  local b = prefix .. 'b:' .. batchId
  for state, n in pairs(counters) do
    if n ~= 0 then redis.call('HINCRBY', b, state, n) end
  end
  redis.call('PEXPIRE', b, ttl)
  redis.call('PEXPIRE', b .. ':s', ttl)
end
local function tail(from)
  local items = {}
  for i = from, #ARGV do items[#items + 1] = ARGV[i] end
  return items
end
`

/**
 * ARGV: prefix, batchId, now, ttlMs, message, sender, numbers…
 * Adds the numbers that are new to the batch as `queued`. Gives [new numbers, numbers already in
 * the batch and still queued (their job may have been lost with a crashed producer), the batch's
 * message, its sender] (the first call's message wins).
 */
const ENQUEUE_BULK = `${COMMON}
local prefix, batchId, now, ttl = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local batch = prefix .. 'b:' .. batchId
if redis.call('HSETNX', batch, 'message', ARGV[5]) == 1 then
  redis.call('HSET', batch, 'sender', ARGV[6], 'createdAt', now, 'total', 0, 'queued', 0,
    'sending', 0, 'sent', 0, 'failed', 0, 'unknown', 0)
end
local numbers = tail(7)
local existing = redis.call('HMGET', batch .. ':s', unpack(numbers))
local fresh, waiting, writes = {}, {}, {}
local queued = record('queued', 0, now, '', '', NO_RESULT)
for i, to in ipairs(numbers) do
  if not existing[i] then
    fresh[#fresh + 1] = to
    writes[#writes + 1] = to
    writes[#writes + 1] = queued
  elseif head(existing[i]) == 'queued' then
    waiting[#waiting + 1] = to
  end
end
if #writes > 0 then redis.call('HSET', batch .. ':s', unpack(writes)) end
redis.call('HINCRBY', batch, 'total', #fresh)
redis.call('HINCRBY', batch, 'queued', #fresh)
finish(prefix, batchId, ttl)
return { fresh, waiting, redis.call('HGET', batch, 'message'), redis.call('HGET', batch, 'sender') }
`

/**
 * ARGV: prefix, key, now, ttlMs, to, message, sender
 * Gives '' when the key is new (now `queued`), else its current state.
 */
const ENQUEUE_ONE = `${COMMON}
local o = ARGV[1] .. 'o:' .. ARGV[2]
local current = redis.call('HGET', o, 'r')
if current then return (head(current)) end
redis.call('HSET', o, 'r', record('queued', 0, ARGV[3], '', '', NO_RESULT), 'to', ARGV[5], 'message', ARGV[6], 'sender', ARGV[7])
redis.call('PEXPIRE', o, tonumber(ARGV[4]))
return ''
`

/**
 * ARGV: prefix, jobId, token, now, ttlMs, batchId ('' for a single send), then the numbers of
 * that batch, or the one key of the single send.
 * Claims the recipients that are still `queued` (now `sending`, owned by this job and token, one
 * more attempt). A recipient already `sending` for this same job id was claimed by an earlier run
 * of the job whose worker died before it recorded the answer: it may have been sent, so it
 * becomes `unknown` and is not sent again. Gives [claimed indexes, lost indexes] (1-based).
 */
const CLAIM = `${COMMON}
local prefix, jobId, token, now, ttl, batchId = ARGV[1], ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5]), ARGV[6]
local key, fields = container(prefix, batchId, tail(7))
local records = redis.call('HMGET', key, unpack(fields))
local claimed, lost, writes = {}, {}, {}
for i, field in ipairs(fields) do
  if records[i] then
    local state, attempts, _, owner, _, rest = head(records[i])
    local write
    if state == 'queued' then
      write = record('sending', tonumber(attempts) + 1, now, jobId, token, rest)
      move('queued', 'sending')
      claimed[#claimed + 1] = i
    elseif state == 'sending' and owner == jobId then
      write = record('unknown', attempts, now, owner, token,
        '|||worker_lost|The worker stopped during the gateway call; the SMS may have been sent')
      move('sending', 'unknown')
      lost[#lost + 1] = i
    end
    if write then
      writes[#writes + 1] = field
      writes[#writes + 1] = write
    end
  end
end
if #writes > 0 then redis.call('HSET', key, unpack(writes)) end
finish(prefix, batchId, ttl)
return { claimed, lost }
`

/**
 * ARGV: prefix, token, now, ttlMs, track, batchId, then per recipient: number (or key),
 * state, messageId, smsRate, errorCode, errorMessage.
 * Records the answer of a claim made with this token. A recipient meanwhile marked `unknown`
 * (its job was handed to another worker while this one was still waiting) is corrected to
 * `sent` when the answer says so; any other change to it is left alone.
 */
const SETTLE = `${COMMON}
local prefix, token, now, ttl, track, batchId = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5], ARGV[6]
local items, answers = {}, {}
for i = 7, #ARGV, 6 do
  items[#items + 1] = ARGV[i]
  answers[#answers + 1] = i
end
local key, fields = container(prefix, batchId, items)
local records = redis.call('HMGET', key, unpack(fields))
local writes, done = {}, 0
for n, field in ipairs(fields) do
  local a = answers[n]
  local want = ARGV[a + 1]
  if records[n] then
    local state, attempts, _, owner, mine = head(records[n])
    if mine == token and (state == 'sending' or (state == 'unknown' and want == 'sent')) then
      move(state, want)
      local rest
      if want == 'sent' then
        rest = ARGV[a + 2] .. '|' .. ARGV[a + 3] .. '|' .. (track == '1' and 'pending' or '') .. '||'
      else
        rest = '|||' .. ARGV[a + 4] .. '|' .. ARGV[a + 5]
      end
      writes[#writes + 1] = field
      writes[#writes + 1] = record(want, attempts, now, owner, mine, rest)
      done = done + 1
    end
  end
end
if #writes > 0 then redis.call('HSET', key, unpack(writes)) end
finish(prefix, batchId, ttl)
return done
`

/**
 * ARGV: prefix, now, ttlMs, batchId, number (or key)
 * Puts a `failed` or `unknown` recipient back to `queued` (a new claim is needed to send it).
 * Gives [to, message, sender] or nil when the recipient is in another state or unknown.
 */
const RETRY = `${COMMON}
local prefix, now, ttl, batchId = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
local key, fields = container(prefix, batchId, { ARGV[5] })
local current = redis.call('HGET', key, fields[1])
if not current then return nil end
local state, attempts, _, _, _, rest = head(current)
if state ~= 'failed' and state ~= 'unknown' then return nil end
move(state, 'queued')
redis.call('HSET', key, fields[1], record('queued', attempts, now, '', '', rest))
if batchId == '' then
  redis.call('PEXPIRE', key, ttl)
  return { redis.call('HGET', key, 'to'), redis.call('HGET', key, 'message'), redis.call('HGET', key, 'sender') }
end
finish(prefix, batchId, ttl)
local b = prefix .. 'b:' .. batchId
return { ARGV[5], redis.call('HGET', b, 'message'), redis.call('HGET', b, 'sender') }
`

/** ARGV: prefix, batchId, number (or key), delivery. Records the delivery status of a recipient that still exists. */
const DELIVERY = `${COMMON}
local key, fields = container(ARGV[1], ARGV[2], { ARGV[3] })
local current = redis.call('HGET', key, fields[1])
if not current then return 0 end
local state, attempts, updatedAt, owner, token, rest = head(current)
local messageId, smsRate, _, errors = string.match(rest, '^([^|]*)|([^|]*)|([^|]*)|(.*)$')
redis.call('HSET', key, fields[1], record(state, attempts, updatedAt, owner, token,
  messageId .. '|' .. smsRate .. '|' .. ARGV[4] .. '|' .. errors))
return 1
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
 * await scripts.smsClaim(prefix, jobId, token, now, ttl, batchId, ...numbers)
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

/**
 * Reads a packed record (see the top of this file).
 *
 * @example
 * ```ts
 * unpackRecord('sent|1|1770343200000|j-x|t|iSms-abc|1||||') // { state: 'sent', attempts: 1, … }
 * ```
 */
export function unpackRecord(value: string) {
  const parts = value.split('|')
  const [state, attempts, updatedAt, owner, token, messageId, smsRate, delivery, errorCode] = parts
  return {
    state: state ?? '',
    attempts: Number(attempts ?? 0),
    updatedAt: Number(updatedAt ?? 0),
    owner: owner ?? '',
    token: token ?? '',
    messageId: messageId ?? '',
    smsRate: smsRate ?? '',
    delivery: delivery ?? '',
    errorCode: errorCode ?? '',
    errorMessage: parts.slice(9).join('|'),
  }
}

/** A field value safe in a packed record before its last field: no `|`. */
export const packable = (value: string) => value.replaceAll('|', '/')
