// The contest hot boards in process memory (embedded mode, tests). Each method runs to completion
// without awaiting in between, which makes `apply` atomic, as the Redis script is. The board is
// sorted on the first read after a change and kept until the next one: a contest reads its board
// far more often than a participant finishes an attempt.
import {
	applyAttempt,
	compareEntries,
	EMPTY_AGGREGATE,
	parseAggregateKey,
	type Aggregate,
	type AggregateKind,
	type BoardEntry,
	type ContestPoints
} from '../../domain/contest/standings';
import type { BoardRank, ContestBoardStore } from './contest-board-port';
import {
	checkAggregateKeys,
	checkAggregateKind,
	checkContestId,
	checkPage,
	checkStanding
} from './contest-board-input';

interface Held {
	/** Each participant's standing as last applied. */
	standings: Map<string, ContestPoints>;
	/** By full key ("unit:…"). */
	aggregates: Map<string, Aggregate>;
	totals: Aggregate;
	/** Board order and 1-based places, or null after a change. */
	sorted: { entries: BoardEntry[]; places: Map<string, number> } | null;
}

const copy = <T extends object>(v: T): T => ({ ...v });

export class MemoryContestBoardStore implements ContestBoardStore {
	readonly kind = 'memory' as const;
	private readonly contests = new Map<string, Held>();

	private held(contestId: string): Held | undefined {
		checkContestId(contestId);
		return this.contests.get(contestId);
	}

	private sorted(h: Held): NonNullable<Held['sorted']> {
		if (!h.sorted) {
			const entries = [...h.standings].map(([id, p]) => ({ id, ...p })).sort(compareEntries);
			h.sorted = { entries, places: new Map(entries.map((e, i) => [e.id, i + 1])) };
		}
		return h.sorted;
	}

	async apply(
		contestId: string,
		participantId: string,
		points: ContestPoints,
		keys: readonly string[]
	): Promise<boolean> {
		checkContestId(contestId);
		checkStanding(participantId, points);
		const parsed = checkAggregateKeys(keys);
		let h = this.contests.get(contestId);
		const before = h?.standings.get(participantId) ?? null;
		if ((before?.attempts ?? 0) >= points.attempts) return false;
		if (!h) {
			h = { standings: new Map(), aggregates: new Map(), totals: EMPTY_AGGREGATE, sorted: null };
			this.contests.set(contestId, h);
		}
		const after = { points: points.points, timeMs: points.timeMs, attempts: points.attempts };
		for (const { key } of parsed) {
			h.aggregates.set(key, applyAttempt(h.aggregates.get(key) ?? EMPTY_AGGREGATE, before, after));
		}
		h.totals = applyAttempt(h.totals, before, after);
		h.standings.set(participantId, after);
		h.sorted = null;
		return true;
	}

	async top(contestId: string, offset: number, limit: number): Promise<BoardEntry[]> {
		checkPage(offset, limit);
		const h = this.held(contestId);
		if (!h) return [];
		return this.sorted(h)
			.entries.slice(offset, offset + limit)
			.map(copy);
	}

	async rankOf(contestId: string, participantId: string): Promise<BoardRank | null> {
		const h = this.held(contestId);
		const own = h?.standings.get(participantId);
		if (!h || !own) return null;
		const entry = { id: participantId, ...own };
		const place = h.sorted?.places.get(participantId);
		if (place !== undefined) return { rank: place, entry };
		// Every submit asks for the participant's place right after changing the board: one pass
		// counting who ranks ahead costs O(n), where sorting the board again would cost O(n log n).
		let ahead = 0;
		for (const [id, p] of h.standings) {
			if (compareEntries({ id, ...p }, entry) < 0) ahead++;
		}
		return { rank: ahead + 1, entry };
	}

	async size(contestId: string): Promise<number> {
		return this.held(contestId)?.standings.size ?? 0;
	}

	async aggregates(contestId: string, kind: AggregateKind): Promise<Map<string, Aggregate>> {
		checkAggregateKind(kind);
		const out = new Map<string, Aggregate>();
		for (const [key, a] of this.held(contestId)?.aggregates ?? []) {
			const parsed = parseAggregateKey(key)!;
			if (parsed.kind === kind) out.set(parsed.id, copy(a));
		}
		return out;
	}

	async aggregatesOf(contestId: string, keys: readonly string[]): Promise<Map<string, Aggregate>> {
		const parsed = checkAggregateKeys(keys);
		const h = this.held(contestId);
		const out = new Map<string, Aggregate>();
		for (const { key } of parsed) {
			const a = h?.aggregates.get(key);
			if (a) out.set(key, copy(a));
		}
		return out;
	}

	async totals(contestId: string): Promise<Aggregate> {
		return copy(this.held(contestId)?.totals ?? EMPTY_AGGREGATE);
	}

	async clear(contestId: string): Promise<void> {
		checkContestId(contestId);
		this.contests.delete(contestId);
	}

	async ping(): Promise<void> {}

	async close(): Promise<void> {
		this.contests.clear();
	}
}
