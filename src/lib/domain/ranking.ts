// The one ranking rule every leaderboard, rank and result uses: more points first, then less total
// answer time, then the player id (ascending) so that a full tie still has one stable order. The
// memory store sorts with `compareRanking`; Redis keeps `sortScore` in a sorted set read in
// ascending order, whose ties fall in ascending member order — the same rule.

export interface Rankable {
	id: string;
	score: number;
	totalTimeMs: number;
}

/** Answer times are whole milliseconds within this bound in the key (about 11.5 days). */
const MAX_TIME_MS = 999_999_999;
const TIME_SLOTS = MAX_TIME_MS + 1;

/**
 * Points and time folded into one number, higher is better. Scores stay below 2^53 / 10^9 ≈ 9·10^6
 * points, far above any game's total, so the key is exact in a double and in a Redis score.
 */
export function rankKey(p: { score: number; totalTimeMs: number }): number {
	const time = Math.min(Math.max(Math.round(p.totalTimeMs), 0), MAX_TIME_MS);
	return p.score * TIME_SLOTS + (MAX_TIME_MS - time);
}

/** The sorted-set score: ascending order is ranking order, so equal keys tie-break by id. */
export function sortScore(p: { score: number; totalTimeMs: number }): number {
	return -rankKey(p);
}

/** Ranking order for `Array.prototype.sort`: best first. */
export function compareRanking(a: Rankable, b: Rankable): number {
	return rankKey(b) - rankKey(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Whether `a` ranks ahead of `b`. */
export function ranksAhead(a: Rankable, b: Rankable): boolean {
	return compareRanking(a, b) < 0;
}

/** Sorts a copy best first. */
export function ranked<T extends Rankable>(players: readonly T[]): T[] {
	return [...players].sort(compareRanking);
}

/** 1-based ranks of every player given, in one sort. */
export function rankTable(players: readonly Rankable[]): Map<string, number> {
	return new Map(ranked(players).map((p, i) => [p.id, i + 1]));
}

/** 1-based rank of `me` among `others` (which may include `me`) in one pass, without sorting. */
export function rankAmong(me: Rankable, others: Iterable<Rankable>): number {
	let ahead = 0;
	for (const p of others) if (p.id !== me.id && ranksAhead(p, me)) ahead++;
	return ahead + 1;
}
