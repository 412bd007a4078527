// Standings: a participant's contest points from their finished attempts, the individual board's
// order (ranking.ts's one rule: points, then less time, then id), and the unit and region
// aggregates. The live store keeps those aggregates as hot counters moved by `applyAttempt`; the
// records can always rebuild them with `aggregate`, and the two must agree exactly.
import { compareRanking, sortScore, type Rankable } from '../ranking';
import { regionPath, type RegionLevel } from './regions';

/** Whether the contest counts a participant's best attempt or the sum of all of them. */
export type CountMode = 'best' | 'sum';

/** A finished (submitted or expired) attempt, as standings see it. */
export interface FinishedAttempt {
	score: number;
	/** Time used, in ms (the tie-break: less is better). */
	timeMs: number;
}

/** What a participant has on the board. */
export interface ContestPoints {
	points: number;
	timeMs: number;
	/** Finished attempts counted (the participant takes part from the first). */
	attempts: number;
}

export const NO_POINTS: ContestPoints = { points: 0, timeMs: 0, attempts: 0 };

/** Whether attempt `a` beats `b` for 'best': more points, then less time (an equal one does not). */
const beats = (a: FinishedAttempt, b: FinishedAttempt): boolean =>
	a.score > b.score || (a.score === b.score && a.timeMs < b.timeMs);

/** A participant's points after one more finished attempt: what the store applies on submit. */
export function addAttempt(
	mode: CountMode,
	current: ContestPoints,
	attempt: FinishedAttempt
): ContestPoints {
	const attempts = current.attempts + 1;
	if (mode === 'sum') {
		return {
			points: current.points + attempt.score,
			timeMs: current.timeMs + attempt.timeMs,
			attempts
		};
	}
	const best =
		current.attempts === 0 || beats(attempt, { score: current.points, timeMs: current.timeMs })
			? attempt
			: { score: current.points, timeMs: current.timeMs };
	return { points: best.score, timeMs: best.timeMs, attempts };
}

/** A participant's points recomputed from all their finished attempts. */
export function contestPoints(
	mode: CountMode,
	attempts: readonly FinishedAttempt[]
): ContestPoints {
	return attempts.reduce((p, a) => addAttempt(mode, p, a), NO_POINTS);
}

/** A participant on the individual board. */
export interface BoardEntry extends ContestPoints {
	id: string;
}

const rankable = (e: BoardEntry): Rankable => ({
	id: e.id,
	score: e.points,
	totalTimeMs: e.timeMs
});

/** Individual board order, best first (memory store; ties: less time, then id). */
export function compareEntries(a: BoardEntry, b: BoardEntry): number {
	return compareRanking(rankable(a), rankable(b));
}

export const boardOrder = <T extends BoardEntry>(entries: readonly T[]): T[] =>
	[...entries].sort(compareEntries);

/** The sorted-set score of an entry (Redis: ascending order is board order, ties by member id). */
export const entrySortScore = (e: ContestPoints): number =>
	sortScore({ score: e.points, totalTimeMs: e.timeMs });

/** A unit's or region's hot counters. */
export interface Aggregate {
	points: number;
	/** Participants with at least one finished attempt. */
	participants: number;
	attempts: number;
}

export const EMPTY_AGGREGATE: Aggregate = { points: 0, participants: 0, attempts: 0 };

/**
 * Moves one participant's contribution from their points before an attempt (null: none finished
 * yet) to after it. In 'best' mode an attempt that does not beat the best adds nothing to points,
 * but still counts as an attempt; the first one makes the participant count.
 */
export function applyAttempt(
	aggregate: Aggregate,
	before: ContestPoints | null,
	after: ContestPoints
): Aggregate {
	const was = before ?? NO_POINTS;
	return {
		points: aggregate.points + after.points - was.points,
		participants: aggregate.participants + (was.attempts === 0 && after.attempts > 0 ? 1 : 0),
		attempts: aggregate.attempts + after.attempts - was.attempts
	};
}

/** The aggregate of a group of participants, from scratch. */
export function aggregate(participants: Iterable<ContestPoints>): Aggregate {
	let sum = EMPTY_AGGREGATE;
	for (const p of participants) sum = applyAttempt(sum, null, p);
	return sum;
}

/** The figures a unit or region row shows. */
export interface AggregateFigures extends Aggregate {
	headcount: number | null;
	/**
	 * participants / headcount; null without a headcount. Not capped at 1: a rate above 100% tells
	 * the organiser the imported headcount is out of date, which hiding it would not.
	 */
	rate: number | null;
	/** Average points per participant (0 with none). */
	average: number;
}

export function figures(a: Aggregate, headcount: number | null): AggregateFigures {
	return {
		...a,
		headcount,
		rate: headcount !== null && headcount > 0 ? a.participants / headcount : null,
		average: a.participants > 0 ? a.points / a.participants : 0
	};
}

/** Which column a unit or region board sorts by. */
export type AggregateSort = 'points' | 'participants' | 'rate' | 'average';

/**
 * Unit and region board order, best first by the chosen column, then total points, then
 * participants, then key, so that one board always reads the same. A missing rate sorts last.
 */
export function compareAggregates(
	by: AggregateSort
): (a: AggregateFigures & { key: string }, b: AggregateFigures & { key: string }) => number {
	const value = (f: AggregateFigures): number => (by === 'rate' ? (f.rate ?? -1) : f[by]);
	return (a, b) =>
		value(b) - value(a) ||
		b.points - a.points ||
		b.participants - a.participants ||
		(a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** Where a participant's points are credited besides the individual board. */
export interface Affiliation {
	unit: string | null;
	/** A county, or a city without counties (see regions.ts). */
	region: string | null;
}

/** What an aggregate is of: a unit, or a region at one level (the boards' level filter). */
export type AggregateKind = 'unit' | RegionLevel;

/** "unit:…", "province:440000": one spelling of an aggregate's key for the store and the boards. */
export const aggregateKey = (kind: AggregateKind, id: string): string => `${kind}:${id}`;

/** The kind and id of an aggregate key; null for anything else. */
export function parseAggregateKey(key: string): { kind: AggregateKind; id: string } | null {
	const at = key.indexOf(':');
	const kind = key.slice(0, at);
	if (at < 0 || !AGGREGATE_KINDS.has(kind)) return null;
	return { kind: kind as AggregateKind, id: key.slice(at + 1) };
}
const AGGREGATE_KINDS: ReadonlySet<string> = new Set(['unit', 'province', 'city', 'county']);

/** The aggregate keys one participant's points move: their unit and each level of their region. */
export function aggregateKeys(who: Affiliation): string[] {
	const keys: string[] = [];
	if (who.unit !== null) keys.push(aggregateKey('unit', who.unit));
	if (who.region !== null) {
		const path = regionPath(who.region);
		keys.push(aggregateKey('province', path.province), aggregateKey('city', path.city));
		if (path.county !== null) keys.push(aggregateKey('county', path.county));
	}
	return keys;
}
