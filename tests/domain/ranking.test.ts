import { describe, expect, it } from 'vitest';
import {
	compareRanking,
	rankAmong,
	rankKey,
	ranked,
	rankTable,
	sortScore
} from '../../src/lib/domain/ranking';
import { RANKING_CASES } from '../support/ranking-cases';

describe('ranking: one rule for every leaderboard', () => {
	describe.each(RANKING_CASES)('$name', ({ standings, kicked = [], order }) => {
		const active = standings.filter((p) => !kicked.includes(p.id));

		it('ranked() sorts best first', () => {
			expect(ranked(active).map((p) => p.id)).toEqual(order);
		});

		it('rankTable gives 1-based ranks in that order', () => {
			const table = rankTable(active);
			expect(order.map((id) => table.get(id))).toEqual(order.map((_, i) => i + 1));
		});

		it('rankAmong (one pass, no sort) agrees with the table', () => {
			const table = rankTable(active);
			for (const p of active) expect(rankAmong(p, active)).toBe(table.get(p.id));
		});

		it('ascending sort scores, ties by id, give the same order (how Redis keeps it)', () => {
			const bySortedSet = [...active].sort(
				(a, b) => sortScore(a) - sortScore(b) || (a.id < b.id ? -1 : 1)
			);
			expect(bySortedSet.map((p) => p.id)).toEqual(order);
		});
	});

	it('folds points and time into one exact key: a point outweighs any time', () => {
		expect(rankKey({ score: 1, totalTimeMs: 999_999_999 })).toBeGreaterThan(
			rankKey({ score: 0, totalTimeMs: 0 })
		);
		expect(rankKey({ score: 5, totalTimeMs: -20 })).toBe(rankKey({ score: 5, totalTimeMs: 0 }));
		const big = rankKey({ score: 3_000_000, totalTimeMs: 12_345 });
		expect(Number.isSafeInteger(big)).toBe(true);
		expect(
			compareRanking(
				{ id: 'a', score: 1, totalTimeMs: 5 },
				{ id: 'a', ...{ score: 1, totalTimeMs: 5 } }
			)
		).toBe(0);
	});
});
