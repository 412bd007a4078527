// What every contest request reads first, cached in the process for a moment: the contest by its
// slug (each request of a million participants would otherwise be a record-store query) and its
// frozen question set (pool for the draw, content for views and scoring). A change made on another
// process shows here within `ttlMs`; a change made here is seen at once (`forget`).
import { poolQuestion, type PoolQuestion } from '../../domain/contest/draw';
import type { Question } from '../../domain/question';
import type { ContestRecord, ContestRecordStore } from '../records/contests/port';

export interface ContestQuestions {
	pool: PoolQuestion[];
	byId: ReadonlyMap<string, Question>;
}

interface Held<T> {
	value: Promise<T>;
	at: number;
}

/** Contests held at most; the oldest goes first (a bounded map, not a leak per slug tried). */
const MAX_HELD = 500;

export class ContestCache {
	private readonly bySlug = new Map<string, Held<ContestRecord | null>>();
	/** By contest id and version: a new version (a re-frozen question set) is a new entry. */
	private readonly questions = new Map<string, Held<ContestQuestions>>();

	constructor(
		private readonly records: ContestRecordStore,
		private readonly now: () => number,
		private readonly ttlMs = 2000
	) {}

	contest(slug: string): Promise<ContestRecord | null> {
		return this.held(this.bySlug, slug, () => this.records.getContestBySlug(slug));
	}

	questionsOf(contest: ContestRecord): Promise<ContestQuestions> {
		// The question set changes only with the contest's version, so it is kept while that holds.
		return this.held(
			this.questions,
			`${contest.id}@${contest.version}`,
			async () => {
				const rows = await this.records.contestQuestions(contest.id);
				return {
					pool: rows.map((r) => poolQuestion(r.id, r.question)),
					byId: new Map(rows.map((r) => [r.id, r.question]))
				};
			},
			Infinity
		);
	}

	/** Drops what is held of a contest (after a change made by this process). */
	forget(slug: string): void {
		this.bySlug.delete(slug);
	}

	private held<T>(
		map: Map<string, Held<T>>,
		key: string,
		load: () => Promise<T>,
		ttl = this.ttlMs
	): Promise<T> {
		const now = this.now();
		const hit = map.get(key);
		if (hit && now - hit.at < ttl) return hit.value;
		const value = load();
		// A failed load is not kept: the next request tries again.
		value.catch(() => map.get(key)?.value === value && map.delete(key));
		map.delete(key);
		map.set(key, { value, at: now });
		if (map.size > MAX_HELD) map.delete(map.keys().next().value as string);
		return value;
	}
}
