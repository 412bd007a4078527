// The self-paced contest's hot boards: the individual board (a sorted set: Redis ZRANGE in board
// order) and the unit and region aggregates (hashes of counters), kept in the live store (memory
// embedded, Redis in production) so that a board read costs no record-store query. They are a
// cache of the records: `apply` is idempotent and order-proof, so replaying every participant's
// standing from the records rebuilds them exactly.
//
// How `apply` stays exact: the store keeps each participant's standing as it last applied it, and
// moves the aggregates by the difference between that and the new one (standings.ts applyAttempt).
// A standing is newer when it counts more finished attempts; an older or equal one changes
// nothing. So two submits of one participant finishing in either order, a retry after a timeout, or
// a rebuild over a live board all end with the same counters.
import type {
	Aggregate,
	AggregateKind,
	BoardEntry,
	ContestPoints
} from '../../domain/contest/standings';

export interface BoardRank {
	/** 1-based place on the individual board. */
	rank: number;
	entry: BoardEntry;
}

export interface ContestBoardStore {
	readonly kind: 'memory' | 'redis';
	/**
	 * Moves the participant to `points` and each aggregate key (aggregateKeys in standings.ts) by
	 * the difference from their standing held, in one atomic step. False (nothing changed) when the
	 * held standing counts as many finished attempts or more.
	 */
	apply(
		contestId: string,
		participantId: string,
		points: ContestPoints,
		keys: readonly string[]
	): Promise<boolean>;
	/** The individual board from `offset`, best first (points, then less time, then id). */
	top(contestId: string, offset: number, limit: number): Promise<BoardEntry[]>;
	rankOf(contestId: string, participantId: string): Promise<BoardRank | null>;
	/** Participants on the individual board. */
	size(contestId: string): Promise<number>;
	/** Every aggregate of one kind, by id (the part of the key after "kind:"). */
	aggregates(contestId: string, kind: AggregateKind): Promise<Map<string, Aggregate>>;
	/** Several aggregates by full key ("unit:…"); missing ones are absent from the map. */
	aggregatesOf(contestId: string, keys: readonly string[]): Promise<Map<string, Aggregate>>;
	/** The whole contest's totals (every participant who finished an attempt). */
	totals(contestId: string): Promise<Aggregate>;
	/** Drops the contest's boards (before a rebuild, or in tests). */
	clear(contestId: string): Promise<void>;
	ping(): Promise<void>;
	close(): Promise<void>;
}
