// Drawing an attempt's questions: category quotas first, the difficulty mix over the rest, no
// repeats, reproducible for a seed, clear refusals, and option orders that map answers back.
import { describe, expect, it } from 'vitest';
import { isCorrect } from '$lib/domain/answer';
import {
	drawContest,
	drawRefusalMessage,
	mixTargets,
	poolQuestion,
	type PoolQuestion
} from '$lib/domain/contest/draw';
import { shuffledOrder, toShown, toStored } from '$lib/domain/contest/option-order';
import type { Question } from '$lib/domain/question';
import { seededRandom as seeded } from '../../../src/lib/domain/seeded-random';

/** `n` four-option single-choice questions of one category and difficulty. */
function questions(
	prefix: string,
	n: number,
	category?: string,
	difficulty?: number
): PoolQuestion[] {
	return Array.from({ length: n }, (_, i) => ({
		id: `${prefix}-${i}`,
		type: 'single' as const,
		options: 4,
		category,
		difficulty
	}));
}

const pool: PoolQuestion[] = [
	...questions('fire', 20, '消防', 1),
	...questions('fire-hard', 10, '消防', 3),
	...questions('road', 15, '交通', 2),
	...questions('gas', 3, '燃气', 2),
	...questions('misc-1', 30, undefined, 1),
	...questions('misc-2', 30, undefined, 2),
	...questions('misc-3', 30, undefined, 3)
];

function drawnOrFail(r: ReturnType<typeof drawContest>) {
	if (!r.ok) throw new Error(`draw refused: ${drawRefusalMessage(r)}`);
	return r.drawn;
}

const byId = new Map(pool.map((q) => [q.id, q]));
const categoryOf = (id: string) => byId.get(id)?.category;
const difficultyOf = (id: string) => byId.get(id)?.difficulty;

describe('drawContest', () => {
	it('meets every category quota and draws the total, without repeats', () => {
		const quotas = [
			{ category: '消防', count: 5 },
			{ category: '燃气', count: 3 }
		];
		for (let seed = 1; seed <= 50; seed++) {
			const drawn = drawnOrFail(drawContest(pool, { total: 12, quotas }, false, seeded(seed)));
			expect(drawn).toHaveLength(12);
			expect(new Set(drawn.map((d) => d.id)).size).toBe(12);
			const cats = drawn.map((d) => categoryOf(d.id));
			expect(cats.filter((c) => c === '消防').length).toBeGreaterThanOrEqual(5);
			expect(cats.filter((c) => c === '燃气')).toHaveLength(3);
		}
	});

	it('draws the same questions in the same order for a seed, and others for another seed', () => {
		const draw = { total: 10, quotas: [{ category: '交通', count: 2 }] };
		const a = drawContest(pool, draw, true, seeded(42));
		expect(drawContest(pool, draw, true, seeded(42))).toStrictEqual(a);
		expect(drawContest(pool, draw, true, seeded(43))).not.toStrictEqual(a);
	});

	it('mixes quota questions in with the rest rather than putting them first', () => {
		const draw = { total: 10, quotas: [{ category: '燃气', count: 3 }] };
		const firstThreeAllGas = Array.from({ length: 30 }, (_, s) => {
			const drawn = drawnOrFail(drawContest(pool, draw, false, seeded(s)));
			return drawn.slice(0, 3).every((d) => categoryOf(d.id) === '燃气');
		});
		expect(firstThreeAllGas.every(Boolean)).toBe(false);
	});

	it('refuses a quota its category cannot fill, saying which and how many', () => {
		const r = drawContest(
			pool,
			{ total: 10, quotas: [{ category: '燃气', count: 4 }] },
			false,
			seeded(1)
		);
		expect(r).toStrictEqual({
			ok: false,
			reason: 'category-too-small',
			category: '燃气',
			available: 3,
			requested: 4
		});
		if (!r.ok) expect(drawRefusalMessage(r)).toBe('分类“燃气”只有 3 道题，配额需要 4 道');
		const missing = drawContest(
			pool,
			{ total: 5, quotas: [{ category: '用电', count: 1 }] },
			false,
			seeded(1)
		);
		expect(missing).toMatchObject({ ok: false, category: '用电', available: 0 });
	});

	it('refuses a pool smaller than the attempt, counting a question in two banks once and no polls', () => {
		const twice = [...questions('q', 5), ...questions('q', 5)];
		const polls: PoolQuestion[] = Array.from({ length: 5 }, (_, i) => ({
			id: `poll-${i}`,
			type: 'poll',
			options: 3
		}));
		const r = drawContest([...twice, ...polls], { total: 6, quotas: [] }, false, seeded(1));
		expect(r).toStrictEqual({ ok: false, reason: 'pool-too-small', available: 5, requested: 6 });
		if (!r.ok) expect(drawRefusalMessage(r)).toBe('题库只有 5 道可用的题，每次答题需要 6 道');
		const exact = drawnOrFail(
			drawContest([...twice, ...polls], { total: 5, quotas: [] }, false, seeded(1))
		);
		expect(exact.map((d) => d.id).sort()).toStrictEqual(['q-0', 'q-1', 'q-2', 'q-3', 'q-4']);
	});

	it('follows the difficulty mix over the questions beyond the quotas, within one question', () => {
		// Quota questions come from 燃气 (difficulty 2), so count the mix over the rest only.
		const mix = [
			{ difficulty: 1, share: 0.25 },
			{ difficulty: 2, share: 0.35 },
			{ difficulty: 3, share: 0.4 }
		];
		const quotas = [{ category: '燃气', count: 3 }];
		const total = 14;
		for (let seed = 1; seed <= 50; seed++) {
			const drawn = drawnOrFail(drawContest(pool, { total, quotas, mix }, false, seeded(seed)));
			const rest = drawn.filter((d) => !d.id.startsWith('gas-'));
			expect(rest).toHaveLength(total - 3);
			for (const m of mix) {
				const got = rest.filter((d) => difficultyOf(d.id) === m.difficulty).length;
				expect(Math.abs(got - m.share * (total - 3))).toBeLessThan(1);
			}
		}
	});

	it('fills from the other difficulties when one has too few, so the attempt is still complete', () => {
		const scarce = [...questions('easy', 20, undefined, 1), ...questions('hard', 1, undefined, 3)];
		const mix = [
			{ difficulty: 1, share: 0.5 },
			{ difficulty: 3, share: 0.5 }
		];
		const drawn = drawnOrFail(drawContest(scarce, { total: 8, quotas: [], mix }, false, seeded(3)));
		expect(drawn).toHaveLength(8);
		expect(drawn.filter((d) => d.id.startsWith('hard-'))).toHaveLength(1);
	});

	it('keeps options as stored without shuffling, and shuffles each question on its own with it', () => {
		const plain = drawnOrFail(drawContest(pool, { total: 5, quotas: [] }, false, seeded(9)));
		for (const d of plain) expect(d.order).toStrictEqual([0, 1, 2, 3]);
		const shuffled = drawnOrFail(drawContest(pool, { total: 20, quotas: [] }, true, seeded(9)));
		for (const d of shuffled) expect([...d.order].sort()).toStrictEqual([0, 1, 2, 3]);
		expect(new Set(shuffled.map((d) => d.order.join(''))).size).toBeGreaterThan(1);
	});
});

describe('mixTargets', () => {
	it('rounds shares by largest remainder so the targets sum to the count', () => {
		const mix = [
			{ difficulty: 1, share: 1 / 3 },
			{ difficulty: 2, share: 1 / 3 },
			{ difficulty: 3, share: 1 / 3 }
		];
		expect([...mixTargets(mix, 10)]).toStrictEqual([
			[1, 4],
			[2, 3],
			[3, 3]
		]);
		expect([...mixTargets([{ difficulty: 2, share: 1 }], 7)]).toStrictEqual([[2, 7]]);
		const half = mixTargets(
			[
				{ difficulty: 1, share: 0.5 },
				{ difficulty: 3, share: 0.5 }
			],
			5
		);
		expect([...half.values()].reduce((a, b) => a + b, 0)).toBe(5);
	});
});

describe('option orders', () => {
	const single: Question = {
		type: 'single',
		stem: '火警电话是？',
		options: ['110', '119', '120', '122'],
		answer: 'B'
	};
	const multiple: Question = {
		type: 'multiple',
		stem: '灭火的基本方法有？',
		options: ['冷却', '窒息', '隔离', '加热'],
		answer: ['A', 'B', 'C']
	};

	it('maps a shown answer back to the stored options and back again', () => {
		for (let seed = 1; seed <= 20; seed++) {
			const order = shuffledOrder('multiple', 4, seeded(seed));
			expect([...order].sort()).toStrictEqual([0, 1, 2, 3]);
			for (const shown of [[0], [1, 3], [0, 2, 3], [3, 2, 1, 0]]) {
				const stored = toStored(order, shown);
				expect(stored).not.toBeNull();
				expect(toShown(order, stored ?? [])).toStrictEqual([...shown].sort());
			}
		}
	});

	it('scores the right shown positions as right against the stored question', () => {
		for (let seed = 1; seed <= 20; seed++) {
			const s = shuffledOrder('single', 4, seeded(seed));
			const shownRight = s.indexOf(1); // where 119 (stored B) is shown
			expect(isCorrect(single, { choices: toStored(s, [shownRight]) ?? [] })).toBe(true);
			expect(isCorrect(single, { choices: toStored(s, [(shownRight + 1) % 4]) ?? [] })).toBe(false);
			const m = shuffledOrder('multiple', 4, seeded(seed));
			const shownKey = [0, 1, 2].map((stored) => m.indexOf(stored));
			expect(isCorrect(multiple, { choices: toStored(m, shownKey) ?? [] })).toBe(true);
		}
	});

	it('keeps true/false in its order, gives fill-in none and refuses positions not shown', () => {
		expect(shuffledOrder('truefalse', 2, seeded(1))).toStrictEqual([0, 1]);
		expect(shuffledOrder('fillin', 0, seeded(1))).toStrictEqual([]);
		expect(toStored([2, 0, 1], [3])).toBeNull();
		expect(toStored([2, 0, 1], [-1])).toBeNull();
		expect(toStored([2, 0, 1], [0.5])).toBeNull();
	});

	it('builds the pool entry from a bank question', () => {
		expect(poolQuestion('q1', { ...single, category: '消防', difficulty: 2 })).toStrictEqual({
			id: 'q1',
			type: 'single',
			options: 4,
			category: '消防',
			difficulty: 2
		});
		expect(
			poolQuestion('q2', { type: 'truefalse', stem: '电动车可以在楼道充电。', answer: false })
		).toMatchObject({
			options: 2
		});
		expect(
			poolQuestion('q3', { type: 'fillin', stem: '火警电话是？', answer: ['119'] })
		).toMatchObject({
			options: 0
		});
	});
});
