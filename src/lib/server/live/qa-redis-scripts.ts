// Lua scripts that make each Q&A store operation one atomic step in Redis. Every write renews the
// lifetime of the keys it touches (QA_EVENT_TTL_MS), so an event in use never expires midway.

/**
 * KEYS: event, then the event's other keys (questions, votes, banned, polls) · ARGV: eventJson,
 * ttlMs → 1, or 0 if the code is taken
 */
export const QA_CREATE_EVENT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
-- Leftovers of an expired event under the same code are not inherited.
for i = 2, #KEYS do redis.call('DEL', KEYS[i]) end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`;

/** KEYS: event · ARGV: expected version, eventJson, ttlMs → 1 if replaced */
export const QA_CAS_EVENT = `
local raw = redis.call('GET', KEYS[1])
if not raw or cjson.decode(raw).version ~= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
`;

/** KEYS: event, questions (or polls) · ARGV: id, questionJson, max, ttlMs → 1 if added */
export const QA_ADD_QUESTION = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('HLEN', KEYS[2]) >= tonumber(ARGV[3]) then return 0 end
if redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('PEXPIRE', KEYS[2], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`;

/** KEYS: event, questions (or polls) · ARGV: id, expected version, json, ttlMs → 1 if replaced */
export const QA_CAS_QUESTION = `
local raw = redis.call('HGET', KEYS[2], ARGV[1])
if not raw or cjson.decode(raw).version ~= tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`;

/**
 * Votes and their taking back, in the order given, for one event: a voter joins (or leaves) the
 * question's voter set and the count is the set's size, so a repeat changes nothing and
 * concurrent votes are never lost. Several phones' votes of one turn go in one call (the Redis
 * adapter batches them): the event is read once for all. The votes hash also holds `_seq` (no
 * question id has that form), the event's vote sequence.
 * KEYS: event, questions, votes, banned · ARGV: ttlMs, key base, then per vote
 * 'vote' | 'unvote', questionId, participantId → per vote {status, changed, count}, then showCounts
 */
export const QA_VOTE = `
local rawEvent = redis.call('GET', KEYS[1])
local n = (#ARGV - 2) / 3
local out = {}
local function each(status)
	for i = 1, n do
		table.insert(out, status); table.insert(out, 0); table.insert(out, 0)
	end
end
if not rawEvent then each('QA_NOT_FOUND'); table.insert(out, 1); return out end
local event = cjson.decode(rawEvent)
local shown = 1
if event.settings.showVoteCounts == false then shown = 0 end
if event.closed == true then each('QA_CLOSED'); table.insert(out, shown); return out end
local ttl, base = ARGV[1], ARGV[2]
local questions = {}
local bumped = false
for i = 1, n do
	local op, id, voter = ARGV[3 * i], ARGV[3 * i + 1], ARGV[3 * i + 2]
	local q = questions[id]
	if q == nil then
		local raw = redis.call('HGET', KEYS[2], id)
		q = raw and cjson.decode(raw) or false
		questions[id] = q
	end
	local status, changed, count = 'ok', 0, 0
	if not q then
		status = 'QA_QUESTION_NOT_FOUND'
	elseif redis.call('SISMEMBER', KEYS[4], voter) == 1 then
		status = 'QA_BANNED'
	elseif op == 'vote' and ((q.status ~= 'published' and q.status ~= 'answered') or
		redis.call('SISMEMBER', KEYS[4], q.participantId) == 1) then
		status = 'QA_CANNOT_VOTE'
	else
		local votersKey, mineKey = base .. 'voters:' .. id, base .. 'mine:' .. voter
		if op == 'vote' then
			changed = redis.call('SADD', votersKey, voter)
			redis.call('SADD', mineKey, id)
		else
			changed = redis.call('SREM', votersKey, voter)
			redis.call('SREM', mineKey, id)
		end
		count = redis.call('SCARD', votersKey)
		if changed == 1 then
			redis.call('HSET', KEYS[3], id, count)
			redis.call('HINCRBY', KEYS[3], '_seq', 1)
			redis.call('PEXPIRE', votersKey, ttl)
			redis.call('PEXPIRE', mineKey, ttl)
			bumped = true
		end
	end
	table.insert(out, status); table.insert(out, changed); table.insert(out, count)
end
if bumped then redis.call('PEXPIRE', KEYS[3], ttl) end
table.insert(out, shown)
return out
`;
// A poll's counts hash holds 'k:' .. key per option index or word (see QaPollTally), '_n' (the
// respondents) and '_seq'; its answers hash maps a participant to their answer's JSON.
const POLL_COUNTS = `
local function answerKeys(a)
	local out = {}
	if #a.words > 0 then
		for _, w in ipairs(a.words) do table.insert(out, 'k:' .. w) end
	else
		for _, c in ipairs(a.choices) do table.insert(out, 'k:' .. string.format('%d', c)) end
	end
	return out
end
local function uncount(countsKey, answerJson)
	for _, k in ipairs(answerKeys(cjson.decode(answerJson))) do
		if redis.call('HINCRBY', countsKey, k, -1) <= 0 then redis.call('HDEL', countsKey, k) end
	end
end
`;

/**
 * Bans a participant and takes back their votes and poll answers in the same step. The
 * per-question and per-poll keys are named from ARGV[2] (the event's key base, sharing its hash tag).
 * KEYS: event, banned, votes, polls · ARGV: participantId, keyBase, ttlMs
 * → {1, {questionId, count, …}, {pollId, …}} or {0} if already banned (or no event)
 */
export const QA_BAN = `${POLL_COUNTS}
if redis.call('EXISTS', KEYS[1]) == 0 then return {0} end
if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return {0} end
redis.call('PEXPIRE', KEYS[2], ARGV[3])
local mineKey = ARGV[2] .. 'mine:' .. ARGV[1]
local votes = {}
for _, id in ipairs(redis.call('SMEMBERS', mineKey)) do
	local votersKey = ARGV[2] .. 'voters:' .. id
	if redis.call('SREM', votersKey, ARGV[1]) == 1 then
		local n = redis.call('SCARD', votersKey)
		redis.call('HSET', KEYS[3], id, n)
		table.insert(votes, id)
		table.insert(votes, n)
	end
end
redis.call('DEL', mineKey)
if #votes > 0 then redis.call('HINCRBY', KEYS[3], '_seq', 1) end
local polls = {}
for _, id in ipairs(redis.call('HKEYS', KEYS[4])) do
	local answersKey = ARGV[2] .. 'poll-answers:' .. id
	local countsKey = ARGV[2] .. 'poll-counts:' .. id
	local answer = redis.call('HGET', answersKey, ARGV[1])
	if answer then
		uncount(countsKey, answer)
		redis.call('HDEL', answersKey, ARGV[1])
		redis.call('HINCRBY', countsKey, '_n', -1)
		redis.call('HINCRBY', countsKey, '_seq', 1)
		table.insert(polls, id)
	end
end
return {1, votes, polls}
`;

/**
 * A participant's answer to a poll, replacing their previous one: its counts are taken back and
 * the new answer's added, so concurrent answers are never lost and a repeat changes nothing.
 * KEYS: event, polls, banned, the poll's counts, the poll's answers
 * ARGV: pollId, participantId, answerJson (canonical: the same answer is the same string), ttlMs
 * → {status, changed, seq, respondents}
 */
export const QA_RESPOND = `${POLL_COUNTS}
local rawEvent = redis.call('GET', KEYS[1])
if not rawEvent then return {'QA_NOT_FOUND', 0, 0, 0} end
local rawPoll = redis.call('HGET', KEYS[2], ARGV[1])
if not rawPoll then return {'QA_POLL_NOT_FOUND', 0, 0, 0} end
local event = cjson.decode(rawEvent)
local poll = cjson.decode(rawPoll)
if event.closed == true then return {'QA_CLOSED', 0, 0, 0} end
-- Open and on show (a JSON null pollId decodes to cjson.null, never equal to an id).
if poll.open ~= true or event.pollId ~= ARGV[1] then return {'QA_POLL_CLOSED', 0, 0, 0} end
if redis.call('SISMEMBER', KEYS[3], ARGV[2]) == 1 then return {'QA_BANNED', 0, 0, 0} end
local before = redis.call('HGET', KEYS[5], ARGV[2])
local changed = 0
if before ~= ARGV[3] then
	changed = 1
	if before then uncount(KEYS[4], before) else redis.call('HINCRBY', KEYS[4], '_n', 1) end
	for _, k in ipairs(answerKeys(cjson.decode(ARGV[3]))) do redis.call('HINCRBY', KEYS[4], k, 1) end
	redis.call('HSET', KEYS[5], ARGV[2], ARGV[3])
	redis.call('HINCRBY', KEYS[4], '_seq', 1)
	redis.call('PEXPIRE', KEYS[4], ARGV[4])
	redis.call('PEXPIRE', KEYS[5], ARGV[4])
end
local got = redis.call('HMGET', KEYS[4], '_seq', '_n')
return {'ok', changed, tonumber(got[1]) or 0, tonumber(got[2]) or 0}
`;

/**
 * Deletes a poll with its counts and answers, unless it is on show.
 * KEYS: event, polls, the poll's counts, the poll's answers · ARGV: pollId → status
 */
export const QA_DELETE_POLL = `
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 0 then return 'QA_POLL_NOT_FOUND' end
local raw = redis.call('GET', KEYS[1])
if raw and cjson.decode(raw).pollId == ARGV[1] then return 'QA_POLL_ON_SHOW' end
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('DEL', KEYS[3], KEYS[4])
return 'ok'
`;

/**
 * The participants' signing secret: created by whichever process asks first, kept alive by every
 * use, so it outlives every event that uses it. KEYS: secret · ARGV: a new secret, ttlMs → secret
 */
export const QA_IDENTITY_SECRET = `
redis.call('SET', KEYS[1], ARGV[1], 'NX')
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return redis.call('GET', KEYS[1])
`;
