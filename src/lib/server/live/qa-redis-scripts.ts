// Lua scripts that make each Q&A store operation one atomic step in Redis. Every write renews the
// lifetime of the keys it touches (QA_EVENT_TTL_MS), so an event in use never expires midway.

/** KEYS: event, questions, votes, banned · ARGV: eventJson, ttlMs → 1, or 0 if the code is taken */
export const QA_CREATE_EVENT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
-- Leftovers of an expired event under the same code are not inherited.
redis.call('DEL', KEYS[2], KEYS[3], KEYS[4])
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

/** KEYS: event, questions · ARGV: id, questionJson, max, ttlMs → 1 if added */
export const QA_ADD_QUESTION = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('HLEN', KEYS[2]) >= tonumber(ARGV[3]) then return 0 end
if redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('PEXPIRE', KEYS[2], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`;

/** KEYS: event, questions · ARGV: id, expected version, questionJson, ttlMs → 1 if replaced */
export const QA_CAS_QUESTION = `
local raw = redis.call('HGET', KEYS[2], ARGV[1])
if not raw or cjson.decode(raw).version ~= tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`;

/**
 * A vote or its taking back: the voter joins (or leaves) the question's voter set and the count
 * is the set's size, so a repeat changes nothing and concurrent votes are never lost. The votes
 * hash also holds `_seq` (no question id has that form), the event's vote sequence.
 * KEYS: event, questions, votes, banned, voters of the question, the participant's votes
 * ARGV: questionId, participantId, ttlMs, 'vote' | 'unvote' → {status, changed, count}
 */
export const QA_VOTE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {'QA_QUESTION_NOT_FOUND', 0, 0} end
local raw = redis.call('HGET', KEYS[2], ARGV[1])
if not raw then return {'QA_QUESTION_NOT_FOUND', 0, 0} end
if redis.call('SISMEMBER', KEYS[4], ARGV[2]) == 1 then return {'QA_BANNED', 0, 0} end
local changed
if ARGV[4] == 'vote' then
	local q = cjson.decode(raw)
	if (q.status ~= 'published' and q.status ~= 'answered') or
		redis.call('SISMEMBER', KEYS[4], q.participantId) == 1 then
		return {'QA_CANNOT_VOTE', 0, 0}
	end
	changed = redis.call('SADD', KEYS[5], ARGV[2])
	redis.call('SADD', KEYS[6], ARGV[1])
else
	changed = redis.call('SREM', KEYS[5], ARGV[2])
	redis.call('SREM', KEYS[6], ARGV[1])
end
local n = redis.call('SCARD', KEYS[5])
if changed == 1 then
	redis.call('HSET', KEYS[3], ARGV[1], n)
	redis.call('HINCRBY', KEYS[3], '_seq', 1)
	redis.call('PEXPIRE', KEYS[3], ARGV[3])
	redis.call('PEXPIRE', KEYS[5], ARGV[3])
	redis.call('PEXPIRE', KEYS[6], ARGV[3])
end
return {'ok', changed, n}
`;

/**
 * Bans a participant and takes back their votes in the same step. The per-question voter keys are
 * named from ARGV[2] (the event's key base, sharing its hash tag).
 * KEYS: event, banned, votes · ARGV: participantId, keyBase, ttlMs
 * → {1, questionId, count, …} or {0} if already banned (or no event)
 */
export const QA_BAN = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {0} end
if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return {0} end
redis.call('PEXPIRE', KEYS[2], ARGV[3])
local mineKey = ARGV[2] .. 'mine:' .. ARGV[1]
local out = {1}
for _, id in ipairs(redis.call('SMEMBERS', mineKey)) do
	local votersKey = ARGV[2] .. 'voters:' .. id
	if redis.call('SREM', votersKey, ARGV[1]) == 1 then
		local n = redis.call('SCARD', votersKey)
		redis.call('HSET', KEYS[3], id, n)
		table.insert(out, id)
		table.insert(out, n)
	end
end
redis.call('DEL', mineKey)
if #out > 1 then redis.call('HINCRBY', KEYS[3], '_seq', 1) end
return out
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
