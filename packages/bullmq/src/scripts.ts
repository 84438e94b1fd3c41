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
 *
 * A batch job's run that settles untouched since its claim (see the claim mark in CLAIM) leaves
 * the records of its sent recipients as they were (`sending` with its token, written by its claim
 * or read so through its chunk's claim, below) and
 * writes their answers once, in field `a:{token}` of the batch's hash:
 * `{head}\n{tail}\n{numbers joined by '|'}\n{messageId|smsRate| per number}`; the record of
 * such a recipient is `head .. messageId|smsRate .. tail`. One field instead of 500 records is
 * what keeps the settle cheap; every reader resolves a `sending` record through it (`answered`
 * here, `readAnswers` in records.ts).
 *
 * A page of an enqueue whose numbers are all new is cut into the jobs' chunks there and then: each
 * record names its job (`queued|0|{at}|{jobId}||…`: an owner and no token, a form no other write
 * makes), and that job claims its whole chunk with one field, `c:{jobId}` = `token|attempts|at`, in
 * the same hash, instead of rewriting 500 records. Until a record is written again on its own, it
 * reads as `sending` by that claim (`claimedChunk` here, `answeredRecords` in records.ts). A claim
 * that takes such a record one by one (another job's) first sets `c:{jobId}` to `-`: the chunk is
 * then claimed record by record only.
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
-- The field of a batch's hash that says which run of a job holds its claims, and at which
-- attempt: 'token|attempts'. Every claim of the job rewrites or removes it, so a settle that
-- still finds its own token knows its records are as its claim wrote them.
local function claimMark(jobId) return 'claim:' .. jobId end
-- Where a settled run keeps the answers of its sent recipients (see the top of scripts.ts).
local function answersField(token) return 'a:' .. token end
-- The field that says how a job's chunk was claimed (see the top of scripts.ts).
local function chunkField(jobId) return 'c:' .. jobId end
local chunks = {} -- chunk fields read in this run, by job id (false: none)
-- A batch recipient's record as it stands before its answers: one still in its chunk's
-- enqueued form is 'sending' once that chunk was claimed in one step. Gives the record and
-- the job id of an unclaimed chunk it belongs to (nil otherwise).
local function claimedChunk(key, current)
  local state, _, _, owner, token, rest = head(current)
  if state ~= 'queued' or owner == '' or token ~= '' then return current end
  local chunk = chunks[owner]
  if chunk == nil then
    chunk = redis.call('HGET', key, chunkField(owner)) or false
    chunks[owner] = chunk
  end
  if not chunk then return current, owner end
  local by, attempts, at = string.match(chunk, '^([^|]+)|(%d+)|(%d+)$')
  if not by then return current end
  return record('sending', attempts, at, owner, by, rest)
end
local function readAnswers(answers)
  return string.match(answers, '^([^\\n]*)\\n([^\\n]*)\\n([^\\n]*)\\n(.*)$')
end
-- A batch recipient's record as it stands: a 'sending' one whose run has settled is the sent
-- record in that run's answers. 'current' is the field's value (never nil).
local function answered(key, field, current)
  current = claimedChunk(key, current)
  local state, _, _, _, token = head(current)
  if state ~= 'sending' then return current end
  local answers = redis.call('HGET', key, answersField(token))
  if not answers then return current end
  local sentHead, sentTail, numbers, list = readAnswers(answers)
  local nextAnswer = string.gmatch(list, '([^|]*)|([^|]*)|')
  for number in string.gmatch(numbers, '[^|]+') do
    local messageId, smsRate = nextAnswer()
    if number == field then return sentHead .. messageId .. '|' .. smsRate .. sentTail end
  end
  return current
end
-- A tracked message, as a member of the tracking set: its deadline, the last wait between two
-- polls, where its record is, and its message id (the item last: a key may hold anything).
local function trackingMember(deadline, wait, batchId, messageId, item)
  return deadline .. '\\n' .. wait .. '\\n' .. batchId .. '\\n' .. messageId .. '\\n' .. item
end
local function readTrackingMember(member)
  return string.match(member, '^(%d+)\\n(%d+)\\n([^\\n]*)\\n([^\\n]*)\\n(.*)$')
end
-- A job's recipients as one argument: a batch's numbers joined by '|' (digits only), or the
-- one key of a single send as it is (a key may hold a '|'). One argument instead of 500 keeps
-- the worker's command encoding and Redis's argument handling small.
local function items(batchId, arg)
  if arg == '' then return {} end
  if batchId == '' then return { arg } end
  local list, n = {}, 0
  for number in string.gmatch(arg, '[^|]+') do
    n = n + 1
    list[n] = number
  end
  return list
end
`

/**
 * ARGV: prefix, batchId, now, ttlMs, message, sender, numbers (joined by '|'), chunkSize and the
 * job ids of the page's chunks (joined by '|'; both may be '').
 * Adds the numbers that are new to the batch as `queued`; when all of them are (and chunk ids are
 * given), each record names the job of its chunk (see the top of scripts.ts). Gives [new numbers,
 * numbers already in the batch and still queued (their job may have been lost with a crashed
 * producer), both joined by '|' ('*' for new numbers when all of them are), the batch's message,
 * its sender] (the first call's message wins).
 */
const ENQUEUE_BULK = `${COMMON}
local prefix, batchId, now, ttl = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local batch = prefix .. 'b:' .. batchId
if redis.call('HSETNX', batch, 'message', ARGV[5]) == 1 then
  redis.call('HSET', batch, 'sender', ARGV[6], 'createdAt', now, 'total', 0, 'queued', 0,
    'sending', 0, 'sent', 0, 'failed', 0, 'unknown', 0)
end
local numbers = items(batchId, ARGV[7])
local existing = redis.call('HMGET', batch .. ':s', unpack(numbers))
local fresh, waiting, f = {}, {}, 0
for i, to in ipairs(numbers) do
  if not existing[i] then
    f = f + 1
    fresh[f] = to
  elseif head((claimedChunk(batch .. ':s', existing[i]))) == 'queued' then
    waiting[#waiting + 1] = to
  end
end
local size, jobIds = tonumber(ARGV[8] or ''), items(batchId, ARGV[9] or '')
local chunked = f == #numbers and size and #jobIds > 0
local writes, queued = {}, record('queued', 0, now, '', '', NO_RESULT)
for i, to in ipairs(fresh) do
  writes[2 * i - 1] = to
  -- One record string per chunk: its members' records are all the same.
  if chunked and (i - 1) % size == 0 then
    queued = record('queued', 0, now, jobIds[(i - 1) / size + 1], '', NO_RESULT)
  end
  writes[2 * i] = queued
end
if f > 0 then redis.call('HSET', batch .. ':s', unpack(writes)) end
redis.call('HINCRBY', batch, 'total', #fresh)
redis.call('HINCRBY', batch, 'queued', #fresh)
finish(prefix, batchId, ttl)
-- All new (the usual case): '*' rather than the page echoed back.
return { #fresh == #numbers and #fresh > 0 and '*' or table.concat(fresh, '|'), table.concat(waiting, '|'),
  redis.call('HGET', batch, 'message'), redis.call('HGET', batch, 'sender') }
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
 * ARGV: prefix, jobId, token, now, ttlMs, batchId ('' for a single send), items (that batch's
 * numbers joined by '|', or the one key of the single send), chunk (the job's number of recipients
 * when they were enqueued as its chunk, else '').
 * A chunk not claimed before is claimed in one step: its field `c:{jobId}` is set (see the top
 * of scripts.ts) and every recipient is `sending`, attempt 1; the items are not needed and may be
 * ''. Otherwise, without items, gives '?': call again with them.
 * Else claims the recipients that are still `queued` (now `sending`, owned by this job and token,
 * one more attempt). A recipient already `sending` for this same job id was claimed by an earlier
 * run of the job whose worker died before it recorded the answer: it may have been sent, so it
 * becomes `unknown` and is not sent again. Gives one character per item: `c` claimed, `l` lost
 * (now `unknown`), `.` neither.
 * In a batch it also sets the job's claim mark (`token|attempts`, when every recipient it claimed
 * is at one same attempt) or removes it: the settle of this run may then skip reading the records.
 */
const CLAIM = `${COMMON}
local prefix, jobId, token, now, ttl, batchId = ARGV[1], ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5]), ARGV[6]
local chunk = batchId ~= '' and tonumber(ARGV[8] or '')
if chunk then
  local b = prefix .. 'b:' .. batchId
  if redis.call('HSETNX', b .. ':s', chunkField(jobId), token .. '|1|' .. now) == 1 then
    redis.call('HSET', b, claimMark(jobId), token .. '|1')
    counters.queued = -chunk
    counters.sending = chunk
    finish(prefix, batchId, ttl)
    return string.rep('c', chunk)
  end
  if ARGV[7] == '' then return '?' end
end
local key, fields = container(prefix, batchId, items(batchId, ARGV[7]))
local records = redis.call('HMGET', key, unpack(fields))
local marks, claimed, lost, writes, w = {}, 0, 0, {}, 0
-- The attempt of every claimed record when they are all at the same one (the usual case), else false.
local attemptsOfAll = nil
-- Unclaimed chunks this claim takes records of: from now on claimed record by record.
local broken = {}
-- A chunk's records are mostly one same string (written by one enqueue page): what each
-- distinct record becomes is worked out once. memo[record] = { write, mark } or false.
local memo = {}
for i, field in ipairs(fields) do
  local current, change = records[i], false
  if current then
    change = memo[current]
    if change == nil then
      local resolved, unclaimed = current, nil
      if batchId ~= '' then resolved, unclaimed = claimedChunk(key, current) end
      local state, attempts, _, owner, claimedBy, rest = head(resolved)
      if state == 'queued' then
        local next = tonumber(attempts) + 1
        change = { record('sending', next, now, jobId, token, rest), 'c' }
        if attemptsOfAll == nil then attemptsOfAll = next elseif attemptsOfAll ~= next then attemptsOfAll = false end
        if unclaimed then broken[unclaimed] = true end
      elseif state == 'sending' and owner == jobId then
        if batchId ~= '' and redis.call('HEXISTS', key, answersField(claimedBy)) == 1 then
          -- That run settled and its answers say 'sent' (see the top of scripts.ts).
          change = false
        else
          -- The earlier run's token stays: should that run still be alive and get its answer,
          -- its settle may correct this to 'sent'.
          change = { record('unknown', attempts, now, owner, claimedBy,
            '|||worker_lost|The worker stopped during the gateway call; the SMS may have been sent'), 'l' }
        end
      else
        change = false
      end
      memo[current] = change
    end
    if change then
      writes[w + 1] = field
      writes[w + 2] = change[1]
      w = w + 2
      if change[2] == 'c' then claimed = claimed + 1 else lost = lost + 1 end
    end
  end
  marks[i] = change and change[2] or '.'
end
-- Every one claimed (the usual case): one 'c' each, without joining 500 one-letter strings.
local answer = claimed == #fields and string.rep('c', claimed) or table.concat(marks)
for owner in pairs(broken) do
  writes[w + 1] = chunkField(owner)
  writes[w + 2] = '-'
  w = w + 2
end
if w > 0 then redis.call('HSET', key, unpack(writes)) end
if batchId ~= '' then
  local b = prefix .. 'b:' .. batchId
  if claimed > 0 and attemptsOfAll then
    redis.call('HSET', b, claimMark(jobId), token .. '|' .. attemptsOfAll)
  else
    redis.call('HDEL', b, claimMark(jobId))
  end
end
counters.queued = -claimed
counters.sending = claimed - lost
counters.unknown = lost
finish(prefix, batchId, ttl)
return answer
`

/**
 * ARGV: prefix, jobId, token, now, ttlMs, track, batchId, the sent items (joined as in CLAIM, ''
 * for none), their answers (`messageId|smsRate|` each, in the same order), then per other
 * recipient: item, state, errorCode, errorMessage.
 * Records the answer of a claim made with this token. A recipient meanwhile marked `unknown`
 * (its job was handed to another worker while this one was still waiting) is corrected to
 * `sent` when the answer says so; any other change to it is left alone.
 * `track` is '' or `intervalMs:timeoutMs`: then each recipient now `sent` is `delivery: pending`
 * and, in the same step, an entry of the tracking set (see TRACK_TAKE), so no crash can leave a
 * sent message untracked.
 * When the batch still holds this run's claim mark (see CLAIM), no other run has touched the
 * records it claimed: they are written without being read.
 */
const SETTLE = `${COMMON}
local prefix, jobId, token, now, ttl, track, batchId = ARGV[1], ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5]), ARGV[6], ARGV[7]
local trackEvery, trackFor = string.match(track, '^(%d+):(%d+)$')
local sentTail = '|' .. (trackEvery and 'pending' or '') .. '||'
local tracked = {}
local function trackSent(messageId, item)
  tracked[#tracked + 1] = tonumber(now) + tonumber(trackEvery)
  tracked[#tracked + 1] = trackingMember(tonumber(now) + tonumber(trackFor), trackEvery,
    batchId, messageId, item)
end
local function store(key, writes, done)
  if #writes > 0 then redis.call('HSET', key, unpack(writes)) end
  if #tracked > 0 then redis.call('ZADD', prefix .. 'tracking', unpack(tracked)) end
  finish(prefix, batchId, ttl)
  return done
end
local mark = batchId ~= '' and claimMark(jobId)
local claim = mark and redis.call('HGET', prefix .. 'b:' .. batchId, mark)
local owned, attempts = string.match(claim or '', '^(.*)|(%d+)$')
if owned == token then
  -- Untouched since the claim: every record is 'sending|attempts|…|jobId|token|…'. The sent
  -- ones stay so, their answers written once beside them (see the top of scripts.ts).
  local records = prefix .. 'b:' .. batchId .. ':s'
  redis.call('HDEL', prefix .. 'b:' .. batchId, mark)
  local mine = '|' .. attempts .. '|' .. now .. '|' .. jobId .. '|' .. token .. '|'
  local done = 0
  if ARGV[8] ~= '' then
    redis.call('HSET', records, answersField(token),
      'sent' .. mine .. '\\n' .. sentTail .. '\\n' .. ARGV[8] .. '\\n' .. ARGV[9])
    -- Numbers hold no '|': one more than the separators.
    done = select(2, string.gsub(ARGV[8], '|', '|')) + 1
    if trackEvery then
      local nextItem = string.gmatch(ARGV[8], '[^|]+')
      for messageId in string.gmatch(ARGV[9], '([^|]*)|[^|]*|') do trackSent(messageId, nextItem()) end
    end
  end
  counters.sent = done
  local writes, w = {}, 0
  for i = 10, #ARGV, 4 do
    local want = ARGV[i + 1]
    counters[want] = (counters[want] or 0) + 1
    writes[w + 1] = ARGV[i]
    writes[w + 2] = want .. mine .. '|||' .. ARGV[i + 2] .. '|' .. ARGV[i + 3]
    w = w + 2
    done = done + 1
  end
  counters.sending = (counters.sending or 0) - done
  return store(records, writes, done)
end
-- wants[n], tails[n]: the answer for list[n] (its state, and its record after the owner's token).
-- The sent ones come first (list holds them already), then the others.
local list, wants, tails, ids = items(batchId, ARGV[8]), {}, {}, {}
local n = 0
for messageId, smsRate in string.gmatch(ARGV[9], '([^|]*)|([^|]*)|') do
  n = n + 1
  wants[n] = 'sent'
  tails[n] = messageId .. '|' .. smsRate .. sentTail
  ids[n] = messageId
end
for i = 10, #ARGV, 4 do
  n = n + 1
  list[n] = ARGV[i]
  wants[n] = ARGV[i + 1]
  tails[n] = '|||' .. ARGV[i + 2] .. '|' .. ARGV[i + 3]
end
local key, fields = container(prefix, batchId, list)
local records = redis.call('HMGET', key, unpack(fields))
local writes, done = {}, 0
-- The claimed records of one job are one same string: read each distinct one once.
-- memo[record] = { state, the record's 'attempts|updatedAt|owner|token|' with updatedAt now } or false
local memo = {}
for n, field in ipairs(fields) do
  local current = records[n]
  if current then
    local mine = memo[current]
    if mine == nil then
      local state, attempts, _, owner, owned = head(batchId ~= '' and claimedChunk(key, current) or current)
      mine = owned == token and { state, attempts .. '|' .. now .. '|' .. owner .. '|' .. owned .. '|' } or false
      memo[current] = mine
    end
    local want = wants[n]
    if mine and (mine[1] == 'sending' or (mine[1] == 'unknown' and want == 'sent')) then
      move(mine[1], want)
      writes[#writes + 1] = field
      writes[#writes + 1] = want .. '|' .. mine[2] .. tails[n]
      done = done + 1
      if trackEvery and want == 'sent' then trackSent(ids[n], list[n]) end
    end
  end
end
return store(key, writes, done)
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

/**
 * The tracking set `{prefix}:tracking`: one member per sent message whose final status is awaited
 * (see trackingMember), scored by when it is next due for a status poll. Any worker takes the due
 * ones with a lease (their score moves to now + lease): if that worker dies, they come due again
 * when the lease runs out, and another worker polls them. ARGV: prefix, now, leaseMs, limit.
 * Gives the members taken.
 */
const TRACK_TAKE = `
local t, now = ARGV[1] .. 'tracking', tonumber(ARGV[2])
local due = redis.call('ZRANGEBYSCORE', t, '-inf', now, 'LIMIT', 0, tonumber(ARGV[4]))
if #due > 0 then
  local leased = {}
  for _, member in ipairs(due) do
    leased[#leased + 1] = now + tonumber(ARGV[3])
    leased[#leased + 1] = member
  end
  redis.call('ZADD', t, 'XX', unpack(leased))
end
return due
`

/**
 * ARGV: prefix, now, intervalMs, then per polled member: member, status ('completed', 'failed',
 * or anything else for "not final yet / not read").
 * A final status is recorded as the recipient's `delivery` (if its record still holds that
 * message id) and the member leaves the set. Otherwise it is due again after a wait 1.5 times the
 * last (at most 10 times intervalMs, never past its deadline), or leaves the set, still
 * `pending`, once its deadline has passed. A member no longer in the set (another worker's
 * lease ran out and it finished first) is left alone. Gives how many were recorded.
 */
const TRACK_DONE = `${COMMON}
local prefix, now, interval = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local t = prefix .. 'tracking'
local recorded = 0
for i = 4, #ARGV, 2 do
  local member, status = ARGV[i], ARGV[i + 1]
  if redis.call('ZREM', t, member) == 1 then
    local deadline, wait, batchId, messageId, item = readTrackingMember(member)
    if status == 'completed' or status == 'failed' then
      local key, fields = container(prefix, batchId, { item })
      local current = redis.call('HGET', key, fields[1])
      if current and batchId ~= '' then current = answered(key, fields[1], current) end
      if current then
        local state, attempts, updatedAt, owner, token, rest = head(current)
        local id, smsRate, _, errors = string.match(rest, '^([^|]*)|([^|]*)|([^|]*)|(.*)$')
        if id == messageId then
          redis.call('HSET', key, fields[1], record(state, attempts, updatedAt, owner, token,
            id .. '|' .. smsRate .. '|' .. status .. '|' .. errors))
          recorded = recorded + 1
        end
      end
    elseif now < tonumber(deadline) then
      local next = math.min(math.floor(tonumber(wait) * 1.5), interval * 10)
      redis.call('ZADD', t, math.min(now + next, tonumber(deadline)),
        trackingMember(deadline, next, batchId, messageId, item))
    end
  end
end
return recorded
`

const SCRIPTS = {
  smsEnqueueBulk: ENQUEUE_BULK,
  smsEnqueueOne: ENQUEUE_ONE,
  smsClaim: CLAIM,
  smsSettle: SETTLE,
  smsRetry: RETRY,
  smsTrackTake: TRACK_TAKE,
  smsTrackDone: TRACK_DONE,
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
 * await scripts.smsClaim(prefix, jobId, token, now, ttl, batchId, numbers.join('|'))
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
export const packable = (value: string) =>
  // Message ids and error codes almost never hold one: no new string for them.
  value.includes('|') ? value.replaceAll('|', '/') : value
