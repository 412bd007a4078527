// Lua scripts that make each live-store operation one atomic step in Redis.

/**
 * Stores a batch of answers to one question in one atomic step (answers that arrive together on a
 * process share one round trip). Each read and the write cover the whole batch in one command, so
 * that Redis's work per batch is a handful of commands however many answers it carries.
 * KEYS: state, players, answers, kicked · ARGV: index, ttlS, then (playerId, receivedAt, answerJson)
 * per answer → per answer one item: stored, the count of answers after it (an integer); refused,
 * the refusal code (a string); a duplicate, {count, the record stored first}. A stored answer is
 * the one sent and is not sent back: 500 stored answers come back as 500 integers, the least
 * Redis can encode and the client decode.
 */
export const SUBMIT_ANSWERS = `
local raw = redis.call('GET', KEYS[1])
local s = raw and cjson.decode(raw) or nil
local index = tonumber(ARGV[1])
local ids = {}
for i = 3, #ARGV, 3 do ids[#ids + 1] = ARGV[i] end
local joined = redis.call('HMGET', KEYS[2], unpack(ids))
local existing = redis.call('HMGET', KEYS[3], unpack(ids))
local kicked = {}
if redis.call('SCARD', KEYS[4]) > 0 then kicked = redis.call('SMISMEMBER', KEYS[4], unpack(ids)) end
local count = redis.call('HLEN', KEYS[3])
local before = count
-- the same player twice in one batch (two sockets): the second sees the first's answer
local taken = {}
local writes = {}
local out = {}
for n, id in ipairs(ids) do
	local i = 3 * n
	local now, answer = tonumber(ARGV[i + 1]), ARGV[i + 2]
	local prior = taken[id] or existing[n]
	local res
	if not joined[n] then res = 'NOT_JOINED'
	elseif kicked[n] == 1 then res = 'KICKED'
	elseif prior then res = {count, prior}
	elseif not s or s.phase ~= 'question' then res = 'NO_QUESTION'
	elseif s.index ~= index then res = 'WRONG_QUESTION'
	elseif s.pausedAt ~= nil and s.pausedAt ~= cjson.null then res = 'PAUSED'
	elseif now > s.deadline then res = 'TIME_UP'
	else
		local elapsed = now - s.openedAt - s.pausedMs
		if elapsed < 0 then elapsed = 0 end
		local rec = '{"playerId":' .. cjson.encode(id) .. ',"answer":' .. answer ..
			',"elapsedMs":' .. string.format('%d', elapsed) .. ',"receivedAt":' .. string.format('%d', now) .. '}'
		taken[id] = rec
		writes[#writes + 1] = id
		writes[#writes + 1] = rec
		count = count + 1
		res = count
	end
	out[#out + 1] = res
end
if #writes > 0 then
	redis.call('HSET', KEYS[3], unpack(writes))
	if before == 0 then redis.call('EXPIRE', KEYS[3], ARGV[2]) end
end
return out
`;

/**
 * Joins that reach one process in one turn, in one call, each judged in turn as if alone (a
 * nickname taken by an earlier join of the same batch is taken).
 * KEYS: state, nicks, players, tokens, leaderboard, standings, joins, joined (ids by join time)
 * ARGV: ttlS, lobbyIdleMs, then per join: nickKey, id, playerJson, tokenHash, standingJson,
 * sortScore, sourceKey ('' for none), cap (0: none), joinedAt
 * → one outcome per join ('ok' or the refusal's code), then the room's count of players after
 * them; a join to a room in its lobby keeps the lobby alive
 */
export const ADD_PLAYERS = `
local raw = redis.call('GET', KEYS[1])
local n = (#ARGV - 2) / 9
local out = {}
if not raw then
	for j = 1, n do out[j] = 'ROOM_NOT_FOUND' end
	out[n + 1] = 0
	return out
end
-- The room's own refusals, judged in the step that adds (domain/room.ts canJoin): nobody joins
-- after the host locked, however the join and the lock raced.
local s = cjson.decode(raw)
local closed = nil
if s.phase == 'ended' then closed = 'ROOM_ENDED'
elseif s.locked == true then closed = 'ROOM_LOCKED'
elseif s.phase ~= 'lobby' and s.allowLateJoin ~= true then closed = 'GAME_STARTED' end
if closed then
	for j = 1, n do out[j] = closed end
	out[n + 1] = redis.call('ZCARD', KEYS[5])
	return out
end
local ttl = ARGV[1]
-- The nickname is reserved player by player (a later join in the batch may want the same one);
-- the rest of the accepted joins is written at the end, one command per key for the batch.
local players, tokens, standings, board, joined = {}, {}, {}, {}, {}
local function push(t, a, b)
	t[#t + 1] = a
	t[#t + 1] = b
end
for j = 0, n - 1 do
	local b = 2 + j * 9
	local nick, id, source, cap = ARGV[b + 1], ARGV[b + 2], ARGV[b + 7], tonumber(ARGV[b + 8])
	if source ~= '' and cap > 0 and tonumber(redis.call('HGET', KEYS[7], source) or '0') >= cap then
		out[j + 1] = 'TOO_MANY_JOINS'
	elseif redis.call('HSETNX', KEYS[2], nick, id) == 0 then
		out[j + 1] = 'NICKNAME_TAKEN'
	else
		push(players, id, ARGV[b + 3])
		push(tokens, ARGV[b + 4], id)
		push(standings, id, ARGV[b + 5])
		push(board, ARGV[b + 6], id)
		push(joined, ARGV[b + 9], id)
		if source ~= '' then redis.call('HINCRBY', KEYS[7], source, 1) end
		out[j + 1] = 'ok'
	end
end
if #players > 0 then
	redis.call('HSET', KEYS[3], unpack(players))
	redis.call('HSET', KEYS[4], unpack(tokens))
	redis.call('HSET', KEYS[6], unpack(standings))
	redis.call('ZADD', KEYS[5], unpack(board))
	redis.call('ZADD', KEYS[8], unpack(joined))
	for i = 2, 8 do redis.call('EXPIRE', KEYS[i], ttl) end
	if s.phase == 'lobby' then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
end
-- The count every join shows (the leaderboard holds the players who are not kicked).
out[n + 1] = redis.call('ZCARD', KEYS[5])
return out
`;

/**
 * KEYS: state · ARGV: expected version, next state json, next phase, lobbyIdleMs, roomTtlS
 * Compare-and-set on the state's version. A room in its lobby lives lobbyIdleMs past each change;
 * leaving the lobby starts the room's lifetime (→ 2, so that the caller extends the other keys).
 */
export const CAS_STATE = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local old = cjson.decode(raw)
if old.version ~= tonumber(ARGV[1]) then return 0 end
if ARGV[3] == 'lobby' then
	redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[4])
	return 1
end
if old.phase == 'lobby' then
	redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[5])
	return 2
end
redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
return 1
`;

/** KEYS: state · ARGV: lobbyIdleMs → 1 if the room is in its lobby (and now lives on), else 0 */
export const TOUCH_LOBBY = `
local raw = redis.call('GET', KEYS[1])
if not raw or cjson.decode(raw).phase ~= 'lobby' then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
`;

/**
 * KEYS: state, then every other key of the room → 1 if the room was gone (its state expired) and
 * its other keys are now deleted; 0, touching nothing, if a room exists under the PIN again.
 */
export const DELETE_LEFTOVERS = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
for i = 2, #KEYS do redis.call('DEL', KEYS[i]) end
return 1
`;

/**
 * Counts players' sockets in the room (`sockets`) and on this process (`held`), and lists the
 * process among the room's (`procs`), so that a process that dies can have its share taken off.
 * Changes that reach one process in one turn come in one call, applied in their order.
 * KEYS: sockets, held (this process), procs · ARGV: ttlS, processId, then pairs playerId, delta
 * → players online afterwards
 */
export const SET_ONLINE = `
for j = 3, #ARGV, 2 do
	local id, delta = ARGV[j], tonumber(ARGV[j + 1])
	local mine = redis.call('HINCRBY', KEYS[2], id, delta)
	if mine < 0 then
		-- more goodbyes than hellos on this process (its share was reaped): count none twice
		delta = delta - mine
		mine = 0
	end
	if mine == 0 then redis.call('HDEL', KEYS[2], id) end
	local n = redis.call('HINCRBY', KEYS[1], id, delta)
	if n <= 0 then redis.call('HDEL', KEYS[1], id) end
end
redis.call('SADD', KEYS[3], ARGV[2])
for i = 1, 3 do redis.call('EXPIRE', KEYS[i], ARGV[1]) end
return redis.call('HLEN', KEYS[1])
`;

/**
 * Sets this process's share of the room's presence to exactly the counts given (players not given
 * hold no socket here), moving the room's counts by the difference. KEYS: sockets, held (this
 * process), procs · ARGV: ttlS, processId, then (playerId, sockets) pairs → players online after
 */
export const RESTORE_PRESENCE = `
local want = {}
for j = 3, #ARGV, 2 do want[ARGV[j]] = tonumber(ARGV[j + 1]) end
local function move(id, delta)
	if delta == 0 then return end
	local n = redis.call('HINCRBY', KEYS[1], id, delta)
	if n <= 0 then redis.call('HDEL', KEYS[1], id) end
end
local held = redis.call('HGETALL', KEYS[2])
for i = 1, #held, 2 do
	local id, mine = held[i], tonumber(held[i + 1])
	local n = want[id] or 0
	move(id, n - mine)
	if n > 0 then redis.call('HSET', KEYS[2], id, n) else redis.call('HDEL', KEYS[2], id) end
	want[id] = nil
end
for id, n in pairs(want) do
	if n > 0 then
		move(id, n)
		redis.call('HSET', KEYS[2], id, n)
	end
end
redis.call('SADD', KEYS[3], ARGV[2])
for i = 1, 3 do redis.call('EXPIRE', KEYS[i], ARGV[1]) end
return redis.call('HLEN', KEYS[1])
`;

/**
 * Takes a dead process's sockets off the room's presence. KEYS: sockets, held (the dead process),
 * procs · ARGV: processId → ids of the players who went offline
 */
export const REAP_PRESENCE = `
local held = redis.call('HGETALL', KEYS[2])
local gone = {}
for i = 1, #held, 2 do
	local n = redis.call('HINCRBY', KEYS[1], held[i], -tonumber(held[i + 1]))
	if n <= 0 then
		redis.call('HDEL', KEYS[1], held[i])
		gone[#gone + 1] = held[i]
	end
end
redis.call('DEL', KEYS[2])
redis.call('SREM', KEYS[3], ARGV[1])
return gone
`;

/** KEYS: players, kicked, leaderboard, joined · ARGV: playerId, ttlS → 1 if newly kicked */
export const KICK = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 0 end
redis.call('EXPIRE', KEYS[2], ARGV[2])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('ZREM', KEYS[4], ARGV[1])
return 1
`;

/**
 * One chunk of a question's scores. A player whose standing already went through this question
 * (its "scoredThrough") is skipped, so that running a chunk again never applies it twice.
 * KEYS: scored, results, standings, leaderboard, kicked
 * ARGV: index, ttlS, then (id, resultJson or '', standingJson or '', sortScore) per player
 * → -1 (nothing written) if the question is already scored, else how many players were applied
 */
export const APPLY_SCORES = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return -1 end
local index = tonumber(ARGV[1])
local ids = {}
for i = 3, #ARGV, 4 do ids[#ids + 1] = ARGV[i] end
if #ids == 0 then return 0 end
-- Each read and each write covers the chunk in one command: Redis's work per chunk is a handful
-- of commands, not four per player.
local held = redis.call('HMGET', KEYS[3], unpack(ids))
local kicked = {}
if redis.call('SCARD', KEYS[5]) > 0 then kicked = redis.call('SMISMEMBER', KEYS[5], unpack(ids)) end
local results, standings, board = {}, {}, {}
local applied = 0
for n, id in ipairs(ids) do
	local i = 4 * n - 1
	local raw = held[n]
	local through = raw and tonumber(string.match(raw, '"scoredThrough":(-?%d+)'))
	if not (through and through >= index) then
		if ARGV[i + 1] ~= '' then
			results[#results + 1] = id
			results[#results + 1] = ARGV[i + 1]
		end
		if ARGV[i + 2] ~= '' then
			standings[#standings + 1] = id
			standings[#standings + 1] = ARGV[i + 2]
			if kicked[n] ~= 1 then
				board[#board + 1] = ARGV[i + 3]
				board[#board + 1] = id
			end
		end
		applied = applied + 1
	end
end
if #results > 0 then redis.call('HSET', KEYS[2], unpack(results)) end
if #standings > 0 then redis.call('HSET', KEYS[3], unpack(standings)) end
if #board > 0 then redis.call('ZADD', KEYS[4], unpack(board)) end
for k = 2, 4 do redis.call('EXPIRE', KEYS[k], ARGV[2]) end
return applied
`;

/** KEYS: scored · ARGV: index, scoredJson, ttlS → 1 if written, 0 if the question was scored */
export const MARK_SCORED = `
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1
`;

/**
 * An online player without an answer to the question, the hint first; false if none.
 * KEYS: sockets, answers · ARGV: hint ('' for none)
 */
export const FIRST_UNANSWERED = `
local hint = ARGV[1]
if hint ~= '' and redis.call('HEXISTS', KEYS[1], hint) == 1 and redis.call('HEXISTS', KEYS[2], hint) == 0 then
	return hint
end
local cursor = '0'
repeat
	local page = redis.call('HSCAN', KEYS[1], cursor, 'COUNT', 500)
	cursor = page[1]
	local fields = page[2]
	-- one HMGET per page, not one HEXISTS per player: the walk costs Redis a command per page
	local ids = {}
	for i = 1, #fields, 2 do ids[#ids + 1] = fields[i] end
	if #ids > 0 then
		local got = redis.call('HMGET', KEYS[2], unpack(ids))
		for n = 1, #ids do
			if not got[n] then return ids[n] end
		end
	end
until cursor == '0'
return false
`;

// Clock leases: one sorted set of room → lease expiry (Redis server time, ms) and one hash of room →
// owner, under one hash tag. A process finds rooms whose holder died with one range query, so the
// cost of rooms nobody needs to drive (lobbies, ended games) is nothing. `now` is Redis's TIME, so
// that processes on several machines agree.
const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** KEYS: leases, owners · ARGV: pin, owner, ttlMs → 1 if owner holds the lease afterwards */
export const ACQUIRE_LEASE = `${NOW}
local holder = redis.call('HGET', KEYS[2], ARGV[1])
local untilMs = tonumber(redis.call('ZSCORE', KEYS[1], ARGV[1]) or '0')
if holder and holder ~= ARGV[2] and untilMs > now then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
return 1
`;

/** KEYS: leases, owners · ARGV: owner, ttlMs, pin… → the pins `owner` still holds, renewed */
export const RENEW_LEASES = `${NOW}
local held = {}
for i = 3, #ARGV do
	if redis.call('HGET', KEYS[2], ARGV[i]) == ARGV[1] then
		redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[i])
		held[#held + 1] = ARGV[i]
	end
end
return held
`;

/** KEYS: leases, owners · ARGV: pin, owner · lapses at once, for another process to take over */
export const RELEASE_LEASE = `
if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[1], 0, ARGV[1])
return 1
`;

/**
 * KEYS: leases, owners, active · ARGV: limit → active rooms whose lease lapsed; lapsed entries of
 * rooms no longer active are dropped on the way.
 */
export const LAPSED_LEASES = `${NOW}
local out = {}
local lapsed = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[1]))
for _, pin in ipairs(lapsed) do
	if redis.call('SISMEMBER', KEYS[3], pin) == 1 then
		out[#out + 1] = pin
	else
		redis.call('ZREM', KEYS[1], pin)
		redis.call('HDEL', KEYS[2], pin)
	end
end
return out
`;

/** KEYS: state, coHosts · ARGV: userId → 1 if the room exists (the co-host set expires with it) */
export const ADD_COHOST = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('SADD', KEYS[2], ARGV[1])
local ttl = redis.call('TTL', KEYS[1])
if ttl > 0 then redis.call('EXPIRE', KEYS[2], ttl) end
return 1
`;

/**
 * A process's heartbeat in the list of processes: its last beat (Redis time, ms); beats older than
 * ARGV[2] ms are dropped. KEYS: processes (sorted set) · ARGV: processId, keepMs
 */
export const BEAT_PROCESS = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
return now
`;

/**
 * Processes whose last beat is older than ARGV[1] ms (and younger than ARGV[2] ms).
 * KEYS: processes (sorted set) · ARGV: ttlMs, keepMs
 */
export const DEAD_PROCESSES = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
return redis.call('ZRANGEBYSCORE', KEYS[1], now - tonumber(ARGV[2]), '(' .. (now - tonumber(ARGV[1])))
`;

// Race logs and stakes. Times and stakes travel as the strings the caller formatted, never through
// Lua's number formatting (which keeps 14 digits), so that they come back exactly as sent. A log
// entry is "at member", split at the first space (a time has none).

/**
 * Appends a member to a race log unless it is there already; the stamped time never goes below the
 * last entry's. KEYS: state, log (list of entries), seen (member → "position at"), extras (the
 * room's keys with names not known in advance) · ARGV: member, at, ttlS, log part, seen part
 * → {position, at, first entry, 1 if duplicate} or nil if the room does not exist
 */
export const RACE_APPEND = `
if redis.call('EXISTS', KEYS[1]) == 0 then return nil end
local seen = redis.call('HGET', KEYS[3], ARGV[1])
if seen then
	local sp = string.find(seen, ' ', 1, true)
	return {tonumber(string.sub(seen, 1, sp - 1)), string.sub(seen, sp + 1), redis.call('LINDEX', KEYS[2], 0), 1}
end
local at = ARGV[2]
local last = redis.call('LINDEX', KEYS[2], -1)
if last then
	local lastAt = string.sub(last, 1, string.find(last, ' ', 1, true) - 1)
	if tonumber(lastAt) > tonumber(at) then at = lastAt end
end
local position = redis.call('RPUSH', KEYS[2], at .. ' ' .. ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], position .. ' ' .. at)
if position == 1 then
	redis.call('EXPIRE', KEYS[2], ARGV[3])
	redis.call('EXPIRE', KEYS[3], ARGV[3])
	redis.call('SADD', KEYS[4], ARGV[4], ARGV[5])
	redis.call('EXPIRE', KEYS[4], ARGV[3])
end
return {position, at, redis.call('LINDEX', KEYS[2], 0), 0}
`;

/**
 * Sets a stake while the room is in phase 'stake' at the question. KEYS: state, stakes (holder →
 * stake), extras · ARGV: index, holder, stake, ttlS, stakes part → 'ok' | 'LOCKED' | 'ROOM_NOT_FOUND'
 */
export const SET_STAKE = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 'ROOM_NOT_FOUND' end
local s = cjson.decode(raw)
if s.phase ~= 'stake' or s.index ~= tonumber(ARGV[1]) then return 'LOCKED' end
if redis.call('HSET', KEYS[2], ARGV[2], ARGV[3]) == 1 and redis.call('HLEN', KEYS[2]) == 1 then
	redis.call('EXPIRE', KEYS[2], ARGV[4])
	redis.call('SADD', KEYS[3], ARGV[5])
	redis.call('EXPIRE', KEYS[3], ARGV[4])
end
return 'ok'
`;
