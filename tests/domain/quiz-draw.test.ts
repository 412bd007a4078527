// Random draw: N distinct items from a pool without repeats, driven by an injected rng, refusing
// with a typed result when the pool is too small.
import { describe, expect, it } from 'vitest';
import { drawQuestions } from '$lib/domain/quiz-draw';
import { seededRandom as seeded } from '../../src/lib/domain/seeded-random';

const pool = Array.from({ length: 50 }, (_, i) => `q${i}`);

describe('drawQuestions', () => {
	it('draws N distinct items of the pool', () => {
		const r = drawQuestions(pool, 10, seeded(1));
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.drawn).toHaveLength(10);
		expect(new Set(r.drawn).size).toBe(10);
		for (const q of r.drawn) expect(pool).toContain(q);
	});

	it('is reproducible with the same seed and differs with another', () => {
		const a = drawQuestions(pool, 10, seeded(42));
		const b = drawQuestions(pool, 10, seeded(42));
		const c = drawQuestions(pool, 10, seeded(43));
		expect(a).toStrictEqual(b);
		expect(a).not.toStrictEqual(c);
	});

	it('leaves the pool untouched', () => {
		const copy = [...pool];
		drawQuestions(pool, 50, seeded(7));
		expect(pool).toStrictEqual(copy);
	});

	it('draws the whole pool as a permutation when N equals its size', () => {
		const r = drawQuestions(pool, pool.length, seeded(3));
		expect(r.ok && [...r.drawn].sort()).toStrictEqual([...pool].sort());
	});

	it('draws nothing for N = 0, also from an empty pool', () => {
		expect(drawQuestions(pool, 0, seeded(1))).toStrictEqual({ ok: true, drawn: [] });
		expect(drawQuestions([], 0, seeded(1))).toStrictEqual({ ok: true, drawn: [] });
	});

	it('refuses when the pool is smaller than N, saying how many there are', () => {
		expect(drawQuestions(pool.slice(0, 3), 4, seeded(1))).toStrictEqual({
			ok: false,
			reason: 'pool-too-small',
			available: 3,
			requested: 4
		});
		expect(drawQuestions([], 1, Math.random)).toMatchObject({ ok: false, available: 0 });
	});

	it('rejects a negative or fractional count', () => {
		expect(() => drawQuestions(pool, -1, Math.random)).toThrow(RangeError);
		expect(() => drawQuestions(pool, 1.5, Math.random)).toThrow(RangeError);
	});

	it('follows the rng: always 0 keeps pool order, just below 1 always swaps in the last item', () => {
		const r0 = drawQuestions(['a', 'b', 'c', 'd'], 4, () => 0);
		expect(r0).toStrictEqual({ ok: true, drawn: ['a', 'b', 'c', 'd'] });
		const r1 = drawQuestions(['a', 'b', 'c', 'd'], 2, () => 0.999999);
		// [a b c d] → swap 0↔3 → [d b c a] → swap 1↔3 → [d a c b]
		expect(r1).toStrictEqual({ ok: true, drawn: ['d', 'a'] });
	});

	it('survives an rng that returns exactly 1 or a negative number', () => {
		const one = drawQuestions(['a', 'b', 'c'], 3, () => 1);
		const neg = drawQuestions(['a', 'b', 'c'], 3, () => -0.5);
		expect(one.ok && new Set(one.drawn).size).toBe(3);
		expect(neg.ok && new Set(neg.drawn).size).toBe(3);
	});

	it('is close to uniform: each item is drawn about equally often', () => {
		const rng = seeded(2024);
		const small = ['a', 'b', 'c', 'd', 'e'];
		const firsts = new Map<string, number>();
		const picks = new Map<string, number>();
		const runs = 20_000;
		for (let i = 0; i < runs; i++) {
			const r = drawQuestions(small, 2, rng);
			if (!r.ok) throw new Error('refused');
			firsts.set(r.drawn[0]!, (firsts.get(r.drawn[0]!) ?? 0) + 1);
			for (const q of r.drawn) picks.set(q, (picks.get(q) ?? 0) + 1);
		}
		for (const q of small) {
			// Expected 1/5 as first pick and 2/5 overall; allow a few percent of noise.
			expect(Math.abs((firsts.get(q) ?? 0) / runs - 0.2)).toBeLessThan(0.02);
			expect(Math.abs((picks.get(q) ?? 0) / runs - 0.4)).toBeLessThan(0.02);
		}
	});
});
