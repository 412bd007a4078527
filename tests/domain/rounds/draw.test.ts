// The electronic draw: an order anyone can redo from the published seed, and the turn it sets.
import { describe, expect, it } from 'vitest';
import { drawOrder, turnTeam } from '$lib/domain/rounds/draw';

const TEAMS = ['t1', 't2', 't3', 't4', 't5'];
const seedOf = (n: number) => n.toString(16).padStart(8, '0');

describe('drawOrder', () => {
	it('orders every team exactly once', () => {
		for (let n = 0; n < 50; n++) {
			const order = drawOrder(TEAMS, seedOf(n * 7919 + 1));
			expect([...order].sort()).toStrictEqual(TEAMS);
		}
	});

	it('gives the same order for the same seed', () => {
		expect(drawOrder(TEAMS, '1a2b3c4d')).toStrictEqual(drawOrder(TEAMS, '1a2b3c4d'));
		expect(drawOrder([...TEAMS], 'deadbeef')).toStrictEqual(drawOrder(TEAMS, 'deadbeef'));
	});

	it('gives different orders for different seeds', () => {
		const orders = new Set<string>();
		for (let n = 0; n < 50; n++) orders.add(drawOrder(TEAMS, seedOf(n * 104729 + 3)).join(','));
		// 120 orders of five teams: fifty seeds land on many of them, not one.
		expect(orders.size).toBeGreaterThan(20);
	});

	it('leaves the team list it was given alone', () => {
		const teams = ['a', 'b', 'c'];
		drawOrder(teams, '00000001');
		expect(teams).toStrictEqual(['a', 'b', 'c']);
	});

	it('refuses a seed that is not eight lowercase hex digits', () => {
		for (const bad of ['', '1234567', '123456789', 'ABCDEF12', 'ghijklmn', ' 1234567']) {
			expect(() => drawOrder(TEAMS, bad)).toThrow(RangeError);
		}
	});
});

describe('turnTeam', () => {
	it('cycles through the order, one question each', () => {
		const order = ['t3', 't1', 't2'];
		expect([0, 1, 2, 3, 4, 5, 6].map((p) => turnTeam(order, p))).toStrictEqual([
			't3',
			't1',
			't2',
			't3',
			't1',
			't2',
			't3'
		]);
	});

	it('has no team without an order', () => {
		expect(turnTeam([], 0)).toBeNull();
	});
});
