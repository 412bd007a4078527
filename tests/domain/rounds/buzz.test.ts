// 抢答 with a fake clock: the get-ready countdown, buzzes before the buzzer opens (refused, and
// penalised once), the first buzz by receipt and the margins of the next ones, a right answer, a
// wrong one passed to the others (or not), an answer that runs out, and a buzzer nobody pressed.
import { describe, expect, it } from 'vitest';
import {
	applyBuzz,
	buzzPoints,
	createBuzzState,
	type BuzzCommand,
	type BuzzSettings,
	type BuzzState
} from '$lib/domain/rounds/buzz';

const T0 = 1_780_000_000_000;
const SETTINGS: BuzzSettings = {
	armMs: 3000,
	openMs: 10_000,
	answerMs: 15_000,
	passOnWrong: true,
	earlyPenalty: 5
};

/** Runs commands at instants (ms after T0); every one must be taken unless `refused` says so. */
function run(steps: [number, BuzzCommand][], settings = SETTINGS, from = createBuzzState()) {
	let state: BuzzState = from;
	const refusals: string[] = [];
	for (const [t, cmd] of steps) {
		const out = applyBuzz(state, cmd, settings, T0 + t);
		state = out.state;
		if (!out.ok) refusals.push(`${t}:${out.code}`);
	}
	return { state, refusals };
}

describe('抢答', () => {
	it('refuses buzzes before the buzzer opens, and penalises each early player once', () => {
		const { state, refusals } = run([
			[0, { type: 'open' }],
			[1000, { type: 'buzz', playerId: 'a' }],
			[2000, { type: 'buzz', playerId: 'a' }],
			[2999, { type: 'buzz', playerId: 'b' }]
		]);
		expect(refusals).toStrictEqual(['1000:TOO_EARLY', '2000:TOO_EARLY', '2999:TOO_EARLY']);
		expect(state).toMatchObject({ phase: 'arming', openAt: T0 + 3000, early: ['a', 'b'] });
		expect(buzzPoints(state, SETTINGS, 'a', 10)).toBe(-5);
		const lenient = run(
			[
				[0, { type: 'open' }],
				[1000, { type: 'buzz', playerId: 'a' }]
			],
			{
				...SETTINGS,
				earlyPenalty: 0
			}
		);
		expect(lenient.state.early).toStrictEqual([]);
	});

	it('gives the buzzer to the first buzz received; the next ones are kept with their margins', () => {
		const { state, refusals } = run([
			[0, { type: 'open' }],
			[3000, { type: 'buzz', playerId: 'a' }],
			// The same millisecond, received second: it is not a tie.
			[3000, { type: 'buzz', playerId: 'b' }],
			[3042, { type: 'buzz', playerId: 'c' }],
			[3050, { type: 'buzz', playerId: 'b' }]
		]);
		expect(refusals).toStrictEqual(['3000:TAKEN', '3042:TAKEN', '3050:TAKEN']);
		expect(state.phase).toBe('answering');
		expect(state.answering).toStrictEqual({ playerId: 'a', until: T0 + 18_000 });
		expect(state.buzzes).toStrictEqual([
			{ playerId: 'a', at: T0 + 3000, marginMs: 0 },
			{ playerId: 'b', at: T0 + 3000, marginMs: 0 },
			{ playerId: 'c', at: T0 + 3042, marginMs: 42 }
		]);
	});

	it('a right answer wins the points; judging is the answering phase only', () => {
		const { state, refusals } = run([
			[0, { type: 'judge', right: true }],
			[0, { type: 'open' }],
			[3500, { type: 'buzz', playerId: 'a' }],
			[9000, { type: 'judge', right: true }]
		]);
		expect(refusals).toStrictEqual(['0:WRONG_PHASE']);
		expect(state).toMatchObject({ phase: 'done', winner: 'a', answering: null });
		expect(buzzPoints(state, SETTINGS, 'a', 10)).toBe(10);
		expect(buzzPoints(state, SETTINGS, 'b', 10)).toBe(0);
	});

	it('passes a wrong answer to those who have not tried; the one who tried cannot buzz again', () => {
		const { state, refusals } = run([
			[0, { type: 'open' }],
			[4000, { type: 'buzz', playerId: 'a' }],
			[6000, { type: 'judge', right: false }],
			[6100, { type: 'buzz', playerId: 'a' }],
			[6200, { type: 'buzz', playerId: 'b' }],
			[7000, { type: 'judge', right: true }]
		]);
		expect(refusals).toStrictEqual(['6100:ALREADY_TRIED']);
		expect(state).toMatchObject({ phase: 'done', winner: 'b', tried: ['a', 'b'] });
	});

	it('ends on a wrong answer without passing, and when the answer time runs out', () => {
		const noPass = run(
			[
				[0, { type: 'open' }],
				[3000, { type: 'buzz', playerId: 'a' }],
				[4000, { type: 'judge', right: false }]
			],
			{ ...SETTINGS, passOnWrong: false }
		);
		expect(noPass.state).toMatchObject({ phase: 'done', winner: null });

		// a buzzes at 3 s and never answers: at 18 s the question passes to the others, open
		// until 28 s; nobody buzzes, so it is done.
		const silent = run([
			[0, { type: 'open' }],
			[3000, { type: 'buzz', playerId: 'a' }],
			[18_000, { type: 'tick' }]
		]);
		expect(silent.state).toMatchObject({
			phase: 'open',
			openAt: T0 + 18_000,
			closesAt: T0 + 28_000
		});
		const after = applyBuzz(silent.state, { type: 'tick' }, SETTINGS, T0 + 28_000);
		expect(after.state).toMatchObject({ phase: 'done', winner: null });
	});

	it('closes a buzzer nobody pressed; a buzz after that is refused', () => {
		const { state, refusals } = run([
			[0, { type: 'open' }],
			[13_000, { type: 'buzz', playerId: 'a' }]
		]);
		expect(refusals).toStrictEqual(['13000:WRONG_PHASE']);
		expect(state).toMatchObject({ phase: 'done', winner: null, buzzes: [] });
		expect(applyBuzz(state, { type: 'open' }, SETTINGS, T0 + 14_000)).toMatchObject({
			ok: false,
			code: 'WRONG_PHASE'
		});
	});
});
