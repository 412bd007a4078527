// Drawing one attempt's questions from the contest's banks. Pure: the rng is passed in (seeded in
// tests, Math.random on the server). Order of work:
//   1. each category quota is drawn from that category (refused when it has too few questions);
//   2. the rest of the attempt follows the difficulty mix as closely as the pool allows: each
//      difficulty's target is its share of the rest rounded by largest remainder (so within one
//      question of the exact share), capped at what the pool has; any shortfall is filled from
//      whatever remains, of any category or difficulty;
//   3. the drawn questions are shuffled together, so quota questions do not all come first.
// Every sub-draw goes through drawQuestions, so no question is drawn twice.
import { drawQuestions } from '../quiz-draw';
import { optionCount, type Question, type QuestionType } from '../question';
import { shuffledOrder, storedOrder } from './option-order';
import type { ContestDrawSettings } from './settings';

/** What the draw needs of a bank question: the pool can be built from an index, not content. */
export interface PoolQuestion {
	id: string;
	type: QuestionType;
	/** Choices it offers (see optionCount; 0 for fill-in). */
	options: number;
	category?: string;
	difficulty?: number;
}

/** A drawn question: its id and the order its options are shown in (order[shown] = stored). */
export interface DrawnQuestion {
	id: string;
	type: QuestionType;
	order: number[];
}

export type ContestDrawResult =
	| { ok: true; drawn: DrawnQuestion[] }
	| {
			ok: false;
			reason: 'category-too-small';
			category: string;
			available: number;
			requested: number;
	  }
	| { ok: false; reason: 'pool-too-small'; available: number; requested: number };

/** Chinese text of a refusal, for the organiser's preview and the participant's error. */
export function drawRefusalMessage(r: Extract<ContestDrawResult, { ok: false }>): string {
	return r.reason === 'category-too-small'
		? `分类“${r.category}”只有 ${r.available} 道题，配额需要 ${r.requested} 道`
		: `题库只有 ${r.available} 道可用的题，每次答题需要 ${r.requested} 道`;
}

/** A bank question as the draw sees it. */
export function poolQuestion(id: string, q: Question): PoolQuestion {
	return {
		id,
		type: q.type,
		options: optionCount(q),
		category: q.category,
		difficulty: q.difficulty
	};
}

/** Per-difficulty targets for `count` questions: floor of each share, then largest remainders. */
export function mixTargets(
	mix: readonly { difficulty: number; share: number }[],
	count: number
): Map<number, number> {
	const exact = mix.map((m) => ({ d: m.difficulty, x: m.share * count }));
	const targets = new Map(exact.map((e) => [e.d, Math.floor(e.x)]));
	let left = count - [...targets.values()].reduce((a, b) => a + b, 0);
	// Ties go to the difficulty listed first, so the rounding is deterministic.
	const byRemainder = [...exact].sort((a, b) => b.x - Math.floor(b.x) - (a.x - Math.floor(a.x)));
	for (const e of byRemainder) {
		if (left <= 0) break;
		if (e.x - Math.floor(e.x) === 0) continue;
		targets.set(e.d, (targets.get(e.d) ?? 0) + 1);
		left--;
	}
	return targets;
}

/** Draws at most `count` of `from` (all of it when short) and marks them taken. */
function take(
	from: readonly PoolQuestion[],
	count: number,
	taken: Set<string>,
	rng: () => number
): PoolQuestion[] {
	const r = drawQuestions(from, Math.min(count, from.length), rng);
	const drawn = r.ok ? r.drawn : [];
	for (const q of drawn) taken.add(q.id);
	return drawn;
}

/** Groups a list by a key, in one pass. */
function groupBy<K>(
	list: readonly PoolQuestion[],
	key: (q: PoolQuestion) => K
): Map<K, PoolQuestion[]> {
	const out = new Map<K, PoolQuestion[]>();
	for (const q of list) {
		const k = key(q);
		const group = out.get(k);
		if (group) group.push(q);
		else out.set(k, [q]);
	}
	return out;
}

/** Polls have no right answer, so a contest never asks one; an id in two banks counts once. */
function usableOf(pool: readonly PoolQuestion[]): PoolQuestion[] {
	const seen = new Set<string>();
	const out: PoolQuestion[] = [];
	for (const q of pool) {
		if (q.type === 'poll' || seen.has(q.id)) continue;
		seen.add(q.id);
		out.push(q);
	}
	return out;
}

// A few passes over the pool whatever the quotas and the mix: banks can hold tens of thousands.
export function drawContest(
	pool: readonly PoolQuestion[],
	draw: Pick<ContestDrawSettings, 'total' | 'quotas' | 'mix'>,
	shuffleOptions: boolean,
	rng: () => number
): ContestDrawResult {
	const usable = usableOf(pool);
	const taken = new Set<string>();
	const picked: PoolQuestion[] = [];

	// Quota categories are distinct (the settings refuse repeats), so none takes from another.
	const byCategory = groupBy(usable, (q) => q.category);
	for (const quota of draw.quotas) {
		const inCategory = byCategory.get(quota.category) ?? [];
		if (inCategory.length < quota.count) {
			return {
				ok: false,
				reason: 'category-too-small',
				category: quota.category,
				available: inCategory.length,
				requested: quota.count
			};
		}
		picked.push(...take(inCategory, quota.count, taken, rng));
	}

	const rest = draw.total - picked.length;
	const remaining = usable.filter((q) => !taken.has(q.id));
	if (remaining.length < rest) {
		return { ok: false, reason: 'pool-too-small', available: usable.length, requested: draw.total };
	}
	if (draw.mix) {
		const byDifficulty = groupBy(remaining, (q) => q.difficulty);
		for (const [difficulty, target] of mixTargets(draw.mix, rest)) {
			picked.push(...take(byDifficulty.get(difficulty) ?? [], target, taken, rng));
		}
	}
	const short = draw.total - picked.length;
	if (short > 0) {
		picked.push(
			...take(
				remaining.filter((q) => !taken.has(q.id)),
				short,
				taken,
				rng
			)
		);
	}

	const shuffled = drawQuestions(picked, picked.length, rng);
	const ordered = shuffled.ok ? shuffled.drawn : picked;
	return {
		ok: true,
		drawn: ordered.map((q) => ({
			id: q.id,
			type: q.type,
			order: shuffleOptions ? shuffledOrder(q.type, q.options, rng) : storedOrder(q.options)
		}))
	};
}
