// Who may answer a round's question: the round's players setting, the team whose turn it is, the
// tied in a tiebreak, and the audience kept out of team rounds when there are teams.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { answerBar, answerBarAt, eligibleAt, type Seat } from '$lib/domain/rounds/eligibility';
import { roundAt, roundSchema, type Round } from '$lib/domain/rounds/plan';

const round = (r: z.input<typeof roundSchema>): Round => roundSchema.parse(r);

const red: Seat = { id: 'r1', teamId: 't1', audience: false };
const blue: Seat = { id: 'b1', teamId: 't2', audience: false };
const green: Seat = { id: 'g1', teamId: 't3', audience: false };
const watcher: Seat = { id: 'w1', teamId: null, audience: true };
const ORDER = ['t2', 't3', 't1'];

/** Bars for each seat, in order red, blue, green, watcher. */
const bars = (r: Round, eligible: string[] | null, hasTeams = true) =>
	[red, blue, green, watcher].map((s) => answerBar(r, eligible, s, hasTeams));

describe('answerBar by the round’s players', () => {
	it('lets everyone answer an everyone round', () => {
		expect(bars(round({ type: 'all', count: 1 }), null)).toStrictEqual([null, null, null, null]);
	});

	it('keeps the audience out of a teams-only round', () => {
		expect(bars(round({ type: 'all', count: 1, players: 'teams' }), null)).toStrictEqual([
			null,
			null,
			null,
			'NOT_YOUR_ROUND'
		]);
	});

	it('keeps team members out of an audience-only round', () => {
		expect(bars(round({ type: 'all', count: 1, players: 'audience' }), null)).toStrictEqual([
			'NOT_YOUR_ROUND',
			'NOT_YOUR_ROUND',
			'NOT_YOUR_ROUND',
			null
		]);
	});

	it('bars nobody outside a round', () => {
		expect(answerBar(null, null, watcher, true)).toBeNull();
	});
});

describe('turn rounds', () => {
	const rounds = [round({ type: 'all', count: 1 }), round({ type: 'turn', count: 4 })];

	it('are for the team whose turn it is, cycling through the drawn order', () => {
		expect([1, 2, 3, 4].map((i) => eligibleAt(roundAt(rounds, i), ORDER, null))).toStrictEqual([
			['t2'],
			['t3'],
			['t1'],
			['t2']
		]);
	});

	it('bar the other teams with NOT_YOUR_TURN and the audience with NOT_YOUR_ROUND', () => {
		const at = (i: number) =>
			[red, blue, green, watcher].map((s) => answerBarAt(rounds, i, ORDER, null, s, true));
		expect(at(1)).toStrictEqual(['NOT_YOUR_TURN', null, 'NOT_YOUR_TURN', 'NOT_YOUR_ROUND']);
		expect(at(2)).toStrictEqual(['NOT_YOUR_TURN', 'NOT_YOUR_TURN', null, 'NOT_YOUR_ROUND']);
		expect(at(3)).toStrictEqual([null, 'NOT_YOUR_TURN', 'NOT_YOUR_TURN', 'NOT_YOUR_ROUND']);
		expect(at(4)).toStrictEqual(['NOT_YOUR_TURN', null, 'NOT_YOUR_TURN', 'NOT_YOUR_ROUND']);
		// The question before the turn round is everyone's.
		expect(at(0)).toStrictEqual([null, null, null, null]);
	});

	it('are for nobody when there is no order', () => {
		expect(eligibleAt(roundAt(rounds, 1), [], null)).toStrictEqual([]);
		expect(answerBarAt(rounds, 1, [], null, red, true)).toBe('NOT_YOUR_TURN');
	});
});

describe('tiebreaks', () => {
	const rounds = [round({ type: 'all', count: 2 }), round({ type: 'tiebreak', count: 2 })];

	it('are for the tied teams only', () => {
		expect(eligibleAt(roundAt(rounds, 2), ORDER, ['t1', 't3'])).toStrictEqual(['t1', 't3']);
		expect(
			[red, blue, green, watcher].map((s) => answerBarAt(rounds, 3, ORDER, ['t1', 't3'], s, true))
		).toStrictEqual([null, 'NOT_YOUR_TURN', null, 'NOT_YOUR_ROUND']);
	});

	it('are for the tied players by id without teams, the audience included', () => {
		const solo: Seat[] = [
			{ id: 'p1', teamId: null, audience: false },
			{ id: 'p2', teamId: null, audience: false },
			{ id: 'p3', teamId: null, audience: true }
		];
		expect(solo.map((s) => answerBarAt(rounds, 2, [], ['p1', 'p3'], s, false))).toStrictEqual([
			null,
			'NOT_YOUR_TURN',
			null
		]);
	});

	it('are for nobody before anyone is tied', () => {
		expect(eligibleAt(roundAt(rounds, 2), ORDER, null)).toStrictEqual([]);
		expect(answerBarAt(rounds, 2, ORDER, null, red, true)).toBe('NOT_YOUR_TURN');
	});
});

describe('wager rounds', () => {
	const wager = round({ type: 'wager', count: 1 });

	it('keep the audience out when there are teams', () => {
		expect(bars(wager, null)).toStrictEqual([null, null, null, 'NOT_YOUR_ROUND']);
	});

	it('let everyone stake for themselves without teams', () => {
		expect(answerBar(wager, null, watcher, false)).toBeNull();
		expect(answerBar(wager, null, { id: 'p1', teamId: null, audience: false }, false)).toBeNull();
	});

	it('keep out a player with teams who has not joined one', () => {
		expect(answerBar(wager, null, { id: 'x', teamId: null, audience: false }, true)).toBe(
			'NOT_YOUR_ROUND'
		);
	});
});

describe('other rounds', () => {
	it('restrict nobody by turn', () => {
		for (const type of ['all', 'buzz', 'wager'] as const) {
			expect(eligibleAt(roundAt([round({ type, count: 1 })], 0), ORDER, ['t1'])).toBeNull();
		}
		expect(eligibleAt(null, ORDER, ['t1'])).toBeNull();
	});
});
