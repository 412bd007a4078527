// Lua scripts of the contest hot boards (contest-board-redis.ts). A standing is held in the
// standings hash as "attempts:points:timeMs"; the aggregates are hashes of integer counters, one
// per kind, with fields "<id>:p", "<id>:n", "<id>:a" (points, participants, attempts).

/**
 * The compare-and-move of one participant (ContestBoardStore.apply): refused when the held
 * standing counts as many finished attempts or more; else every aggregate and the totals move by
 * the difference, and the standing and its board place are replaced, all in one step.
 * KEYS: standings, board, totals, then one aggregate hash per aggregate id ·
 * ARGV: participant, attempts, points, timeMs, sort score, then the aggregate ids in KEYS' order
 * → 1 if applied, 0 if not
 */
export const CONTEST_BOARD_APPLY = `
local attempts, points = tonumber(ARGV[2]), tonumber(ARGV[3])
local heldAttempts, heldPoints = 0, 0
local held = redis.call('HGET', KEYS[1], ARGV[1])
if held then
	local a, p = string.match(held, '^(%d+):(%d+):')
	heldAttempts, heldPoints = tonumber(a), tonumber(p)
end
if heldAttempts >= attempts then return 0 end
-- %.0f: HINCRBY takes no exponent, which tostring gives large doubles.
local dp = string.format('%.0f', points - heldPoints)
local da = string.format('%.0f', attempts - heldAttempts)
local dn = 0
if heldAttempts == 0 then dn = 1 end
for i = 4, #KEYS do
	local id = ARGV[i + 2]
	redis.call('HINCRBY', KEYS[i], id .. ':p', dp)
	redis.call('HINCRBY', KEYS[i], id .. ':n', dn)
	redis.call('HINCRBY', KEYS[i], id .. ':a', da)
end
redis.call('HINCRBY', KEYS[3], 'p', dp)
redis.call('HINCRBY', KEYS[3], 'n', dn)
redis.call('HINCRBY', KEYS[3], 'a', da)
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ':' .. ARGV[3] .. ':' .. ARGV[4])
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
return 1
`;

/**
 * A page of the board with each participant's standing, read in one step (a standing applied
 * between two reads would otherwise show beside its old place).
 * KEYS: board, standings · ARGV: start, stop → {id, standing, id, standing, …}
 */
export const CONTEST_BOARD_TOP = `
local ids = redis.call('ZRANGE', KEYS[1], ARGV[1], ARGV[2])
if #ids == 0 then return {} end
local out = {}
-- HMGET in slices: unpack has a bound on how many values it spreads (a whole-board export).
for from = 1, #ids, 1000 do
	local to = math.min(from + 999, #ids)
	local standings = redis.call('HMGET', KEYS[2], unpack(ids, from, to))
	for i = from, to do
		table.insert(out, ids[i]); table.insert(out, standings[i - from + 1])
	end
end
return out
`;

/** KEYS: board, standings · ARGV: participant → {0-based rank, standing}, or false if absent */
export const CONTEST_BOARD_RANK = `
local rank = redis.call('ZRANK', KEYS[1], ARGV[1])
if not rank then return false end
return {rank, redis.call('HGET', KEYS[2], ARGV[1])}
`;
