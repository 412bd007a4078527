// The room on contest day, with a fake clock: round intros, 风险题 stakes, the electronic draw, the
// 抢答 buzzer driven by its ticks (pause, resume and add-time included), and the end of the regular
// rounds going to the podium or, on a tie, to the 加赛 reserve.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
	applyCommand,
	createRoomState,
	nextTimer,
	type RoomCommand,
	type RoomState
} from '$lib/domain/room';
import type { DayPlan } from '$lib/domain/rounds/day';
import { drawOrder } from '$lib/domain/rounds/draw';
import { roundSchema, type Round } from '$lib/domain/rounds/plan';

const T0 = 1_790_000_000_000;
const settings = { scoring: 'accuracy', timeLimit: 20, points: 100 } as const;
const limitOf = () => 20;

const round = (r: z.input<typeof roundSchema>): Round => roundSchema.parse(r);

// Q0 必答; Q1–Q2 抢答 (3 s get-ready, 10 s open, 15 s to answer); Q3–Q4 风险题; Q5–Q6 加赛 reserve.
const PLAN: DayPlan = {
	rounds: [
		round({ type: 'all', count: 1 }),
		round({
			type: 'buzz',
			count: 2,
			buzz: { armSec: 3, openSec: 10, answerSec: 15, passOnWrong: true }
		}),
		round({ type: 'wager', count: 2 }),
		round({ type: 'tiebreak', count: 2 })
	],
	teamIds: ['t1', 't2', 't3']
};
const COUNT = 7;

/** `null`: a room without a plan (a default parameter would take `undefined` as PLAN). */
const lobbyInit = { pin: '654321', quizId: 'contest', title: '团体赛', settings };
function lobby(plan: DayPlan | null = PLAN): RoomState {
	return createRoomState({
		...lobbyInit,
		questionCount: COUNT,
		now: T0,
		...(plan ? { plan } : {})
	});
}

function step(state: RoomState, cmd: RoomCommand, now: number) {
	const t = applyCommand(state, cmd, now, limitOf, PLAN);
	if (!t.ok) throw new Error(`${cmd.type} refused: ${t.code} ${t.message}`);
	return t;
}
const go = (state: RoomState, cmd: RoomCommand, now: number) => step(state, cmd, now).state;
function refusal(state: RoomState, cmd: RoomCommand, now: number, plan: DayPlan | null = PLAN) {
	const t = applyCommand(state, cmd, now, limitOf, plan ?? undefined);
	return t.ok ? null : t.code;
}

/** From an open question: close it, commit its scores (as the service does), show the board. */
function toLeaderboard(state: RoomState, now: number, tied?: string[]): RoomState {
	let s = go(state, { type: 'next' }, now);
	expect(s).toMatchObject({ phase: 'reveal', pendingScore: state.index });
	s = go(s, { type: 'scored', index: state.index, ...(tied ? { tied } : {}) }, now);
	return go(s, { type: 'next' }, now);
}

/** Walks to the leaderboard of question `index`, opening every question on the way. */
function leaderboardOf(index: number, now: number): RoomState {
	let s = go(lobby(), { type: 'start' }, now);
	for (;;) {
		while (s.phase === 'intro' || s.phase === 'stake') s = go(s, { type: 'next' }, now);
		s = toLeaderboard(s, now);
		if (s.index === index) return s;
		s = go(s, { type: 'next' }, now);
	}
}

describe('createRoomState with a plan', () => {
	it('gives the room a contest-day state: the teams in their defined order, no draw yet', () => {
		expect(lobby().day).toStrictEqual({
			order: ['t1', 't2', 't3'],
			draw: null,
			buzz: null,
			tied: null
		});
	});

	it('gives no contest-day state to a plan with neither rounds nor teams', () => {
		expect(lobby({ rounds: undefined, teamIds: [] }).day).toBeUndefined();
		expect(lobby(null).day).toBeUndefined();
	});
});

describe('rounds in order', () => {
	it('introduces the first round on start, then opens its question on next', () => {
		const started = step(lobby(), { type: 'start' }, T0 + 1000);
		expect(started.effects).toStrictEqual([{ type: 'roundIntro', index: 0 }]);
		expect(started.state).toMatchObject({ phase: 'intro', index: 0, openedAt: 0 });
		expect(nextTimer(started.state)).toBeNull();
		const opened = step(started.state, { type: 'next' }, T0 + 5000);
		expect(opened.effects).toStrictEqual([{ type: 'questionOpened', index: 0 }]);
		expect(opened.state).toMatchObject({
			phase: 'question',
			index: 0,
			openedAt: T0 + 5000,
			deadline: T0 + 25_000
		});
		expect(opened.state.day!.buzz).toBeNull();
	});

	it('introduces each new round, and opens a round’s later questions straight from the board', () => {
		const board0 = leaderboardOf(0, T0);
		const intro = step(board0, { type: 'next' }, T0 + 1000);
		expect(intro.effects).toStrictEqual([{ type: 'roundIntro', index: 1 }]);
		expect(intro.state).toMatchObject({ phase: 'intro', index: 1 });

		const board1 = leaderboardOf(1, T0);
		const second = step(board1, { type: 'next' }, T0 + 1000);
		expect(second.effects).toStrictEqual([{ type: 'questionOpened', index: 2 }]);
		expect(second.state).toMatchObject({ phase: 'question', index: 2 });
	});

	it('takes stakes before every 风险题 opens, the first after its round’s intro', () => {
		const board2 = leaderboardOf(2, T0);
		let s = go(board2, { type: 'next' }, T0 + 1000);
		expect(s).toMatchObject({ phase: 'intro', index: 3 });
		const stake = step(s, { type: 'next' }, T0 + 2000);
		expect(stake.effects).toStrictEqual([{ type: 'stakesOpen', index: 3 }]);
		expect(stake.state).toMatchObject({ phase: 'stake', index: 3 });
		s = go(stake.state, { type: 'next' }, T0 + 3000);
		expect(s).toMatchObject({ phase: 'question', index: 3, openedAt: T0 + 3000 });

		const later = step(toLeaderboard(s, T0 + 4000), { type: 'next' }, T0 + 5000);
		expect(later.effects).toStrictEqual([{ type: 'stakesOpen', index: 4 }]);
		expect(go(later.state, { type: 'next' }, T0 + 6000)).toMatchObject({
			phase: 'question',
			index: 4
		});
	});

	it('will not move past a closed question before it is scored, nor score it twice', () => {
		let s = go(go(lobby(), { type: 'start' }, T0), { type: 'next' }, T0);
		s = go(s, { type: 'next' }, T0 + 1000);
		expect(refusal(s, { type: 'scored', index: 5 }, T0)).toBe('STALE');
		expect(nextTimer(s)).toStrictEqual({ at: 0, command: { type: 'finishScoring', index: 0 } });
		s = go(s, { type: 'scored', index: 0 }, T0 + 1000);
		expect(refusal(s, { type: 'scored', index: 0 }, T0)).toBe('STALE');
	});
});

describe('the electronic draw', () => {
	it('orders the teams by drawOrder, and records the seed and the time', () => {
		const t = step(lobby(), { type: 'draw', seed: '0badcafe' }, T0 + 500);
		const order = drawOrder(['t1', 't2', 't3'], '0badcafe');
		expect(t.state.day).toMatchObject({
			order,
			draw: { seed: '0badcafe', order, at: T0 + 500 }
		});
		// The drawn order survives the start.
		expect(go(t.state, { type: 'start' }, T0 + 600).day!.order).toStrictEqual(order);
	});

	it('is made in the lobby only', () => {
		const started = go(lobby(), { type: 'start' }, T0);
		expect(refusal(started, { type: 'draw', seed: '0badcafe' }, T0)).toBe('WRONG_PHASE');
	});

	it('needs at least two teams', () => {
		const one: DayPlan = { rounds: PLAN.rounds, teamIds: ['t1'] };
		expect(refusal(lobby(one), { type: 'draw', seed: '0badcafe' }, T0, one)).toBe('NO_TEAMS');
		const none: DayPlan = { rounds: PLAN.rounds, teamIds: [] };
		expect(refusal(lobby(none), { type: 'draw', seed: '0badcafe' }, T0, none)).toBe('NO_TEAMS');
		expect(refusal(lobby(null), { type: 'draw', seed: '0badcafe' }, T0, null)).toBe('NO_TEAMS');
	});
});

describe('a 抢答 question', () => {
	// Opens question 1 at `at`.
	function buzzQuestion(at: number): RoomState {
		const board0 = leaderboardOf(0, at - 2000);
		return go(go(board0, { type: 'next' }, at - 1000), { type: 'next' }, at);
	}
	const T = T0 + 100_000;

	it('opens arming: the buzzer opens after the get-ready and closes after its open time', () => {
		const s = buzzQuestion(T);
		expect(s.day!.buzz).toMatchObject({ phase: 'arming', opening: 1, openAt: T + 3000 });
		expect(s.deadline).toBe(T + 13_000);
		expect(nextTimer(s)).toStrictEqual({ at: T + 3000, command: { type: 'buzzTick', index: 1 } });
	});

	it('ticks open at openAt, then closes unbuzzed at closesAt into the reveal', () => {
		let s = buzzQuestion(T);
		expect(refusal(s, { type: 'buzzTick', index: 1 }, T + 2999)).toBe('STALE');
		s = go(s, { type: 'buzzTick', index: 1 }, T + 3000);
		expect(s.day!.buzz).toMatchObject({ phase: 'open', closesAt: T + 13_000 });
		expect(s.deadline).toBe(T + 13_000);
		expect(nextTimer(s)).toStrictEqual({ at: T + 13_000, command: { type: 'buzzTick', index: 1 } });
		const closed = step(s, { type: 'buzzTick', index: 1 }, T + 13_000);
		expect(closed.effects).toStrictEqual([{ type: 'questionClosed', index: 1 }]);
		expect(closed.state).toMatchObject({ phase: 'reveal', pendingScore: 1 });
		expect(closed.state.day!.buzz).toMatchObject({ phase: 'done', winner: null });
	});

	it('refuses a tick for another question', () => {
		const s = buzzQuestion(T);
		expect(refusal(s, { type: 'buzzTick', index: 2 }, T + 3000)).toBe('STALE');
	});

	it('gives the buzzer to the store’s first buzz of the current opening only', () => {
		const open = go(buzzQuestion(T), { type: 'buzzTick', index: 1 }, T + 3000);
		expect(refusal(open, { type: 'buzzWon', index: 1, opening: 2, playerId: 'a' }, T + 4000)).toBe(
			'STALE'
		);
		const s = go(open, { type: 'buzzWon', index: 1, opening: 1, playerId: 'a' }, T + 4000);
		expect(s.day!.buzz).toMatchObject({
			phase: 'answering',
			answering: { playerId: 'a', until: T + 19_000 }
		});
		expect(s.deadline).toBe(T + 19_000);
		expect(nextTimer(s)).toStrictEqual({ at: T + 19_000, command: { type: 'buzzTick', index: 1 } });
	});

	it('reopens for the others on a wrong answer, and closes on a right one', () => {
		let s = go(buzzQuestion(T), { type: 'buzzWon', index: 1, opening: 1, playerId: 'a' }, T + 4000);
		expect(refusal(s, { type: 'judge', right: false, playerId: 'b' }, T + 5000)).toBe(
			'NOT_ANSWERING'
		);
		s = go(s, { type: 'judge', right: false, playerId: 'a' }, T + 6000);
		expect(s.phase).toBe('question');
		expect(s.day!.buzz).toMatchObject({
			phase: 'open',
			opening: 2,
			tried: ['a'],
			closesAt: T + 16_000
		});
		expect(refusal(s, { type: 'judge', right: true }, T + 6500)).toBe('WRONG_PHASE');
		s = go(s, { type: 'buzzWon', index: 1, opening: 2, playerId: 'b' }, T + 7000);
		const right = step(s, { type: 'judge', right: true }, T + 8000);
		expect(right.effects).toStrictEqual([{ type: 'questionClosed', index: 1 }]);
		expect(right.state).toMatchObject({ phase: 'reveal', pendingScore: 1 });
		expect(right.state.day!.buzz).toMatchObject({ phase: 'done', winner: 'b' });
	});

	it('shifts the buzzer’s times by the time a pause held, and ticks not while paused', () => {
		let s = go(buzzQuestion(T), { type: 'pause' }, T + 1000);
		expect(nextTimer(s)).toBeNull();
		expect(refusal(s, { type: 'buzzTick', index: 1 }, T + 3000)).toBe('STALE');
		s = go(s, { type: 'resume' }, T + 6000);
		expect(s.day!.buzz).toMatchObject({ phase: 'arming', openAt: T + 8000 });
		expect(s.deadline).toBe(T + 18_000);
		expect(nextTimer(s)).toStrictEqual({ at: T + 8000, command: { type: 'buzzTick', index: 1 } });
		expect(refusal(s, { type: 'buzzTick', index: 1 }, T + 7999)).toBe('STALE');
		s = go(s, { type: 'buzzTick', index: 1 }, T + 8000);
		expect(s.day!.buzz).toMatchObject({ phase: 'open', closesAt: T + 18_000 });
	});

	it('extends the answering time with addTime', () => {
		let s = go(buzzQuestion(T), { type: 'buzzWon', index: 1, opening: 1, playerId: 'a' }, T + 4000);
		s = go(s, { type: 'addTime', seconds: 10 }, T + 5000);
		expect(s.day!.buzz!.answering).toStrictEqual({ playerId: 'a', until: T + 29_000 });
		expect(s.deadline).toBe(T + 29_000);
		// The old limit passes with the answer still running.
		expect(refusal(s, { type: 'buzzTick', index: 1 }, T + 19_000)).toBe('STALE');
	});

	it('passes the question on when the answer runs out', () => {
		const s = go(
			buzzQuestion(T),
			{ type: 'buzzWon', index: 1, opening: 1, playerId: 'a' },
			T + 4000
		);
		const after = go(s, { type: 'buzzTick', index: 1 }, T + 19_000);
		expect(after.day!.buzz).toMatchObject({ phase: 'open', opening: 2, closesAt: T + 29_000 });
	});

	it('closes on a wrong answer when the round does not pass the question on', () => {
		const strict: DayPlan = {
			rounds: [round({ type: 'buzz', count: 1, buzz: { armSec: 0, passOnWrong: false } })],
			teamIds: ['t1', 't2']
		};
		const roomOf = (plan: DayPlan) =>
			createRoomState({ ...lobbyInit, questionCount: 1, now: T, plan });
		const apply = (s: RoomState, cmd: RoomCommand, now: number) => {
			const t = applyCommand(s, cmd, now, limitOf, strict);
			if (!t.ok) throw new Error(t.code);
			return t.state;
		};
		let s = apply(apply(roomOf(strict), { type: 'start' }, T), { type: 'next' }, T);
		// No get-ready: the buzzer is open at once.
		expect(s.day!.buzz).toMatchObject({ phase: 'open', openAt: T, closesAt: T + 15_000 });
		s = apply(s, { type: 'buzzWon', index: 0, opening: 1, playerId: 'a' }, T + 1000);
		s = apply(s, { type: 'judge', right: false }, T + 2000);
		expect(s).toMatchObject({ phase: 'reveal', pendingScore: 0 });
		expect(s.day!.buzz).toMatchObject({ phase: 'done', winner: null });
	});

	it('has no buzzer on a question outside a 抢答 round', () => {
		const s = go(go(lobby(), { type: 'start' }, T), { type: 'next' }, T);
		expect(refusal(s, { type: 'judge', right: true }, T)).toBe('WRONG_PHASE');
		expect(refusal(s, { type: 'buzzTick', index: 0 }, T)).toBe('STALE');
	});
});

describe('after the regular rounds', () => {
	const T = T0 + 200_000;
	/** Question 4 (the last regular one) open. */
	function lastRegular(): RoomState {
		const board3 = leaderboardOf(3, T - 3000);
		return go(go(board3, { type: 'next' }, T - 1000), { type: 'next' }, T);
	}

	it('goes to the podium without a tie', () => {
		for (const tied of [undefined, []]) {
			const board = toLeaderboard(lastRegular(), T + 1000, tied);
			const t = step(board, { type: 'next' }, T + 2000);
			expect(t.effects).toStrictEqual([{ type: 'podiumShown' }]);
			expect(t.state.phase).toBe('podium');
		}
	});

	it('plays the tiebreak on a tie: its intro, then its question', () => {
		const board = toLeaderboard(lastRegular(), T + 1000, ['t1', 't3']);
		expect(board.day!.tied).toStrictEqual(['t1', 't3']);
		const intro = step(board, { type: 'next' }, T + 2000);
		expect(intro.effects).toStrictEqual([{ type: 'roundIntro', index: 5 }]);
		expect(intro.state).toMatchObject({ phase: 'intro', index: 5 });
		expect(go(intro.state, { type: 'next' }, T + 3000)).toMatchObject({
			phase: 'question',
			index: 5,
			openedAt: T + 3000
		});
	});

	function tiebreakOpen(): RoomState {
		const board = toLeaderboard(lastRegular(), T + 1000, ['t1', 't3']);
		return go(go(board, { type: 'next' }, T + 2000), { type: 'next' }, T + 3000);
	}

	it('goes to the podium once a tiebreak question breaks the tie', () => {
		const board = toLeaderboard(tiebreakOpen(), T + 4000, []);
		expect(go(board, { type: 'next' }, T + 5000).phase).toBe('podium');
	});

	it('plays the next reserve question while the tie holds, then the podium when none is left', () => {
		const board5 = toLeaderboard(tiebreakOpen(), T + 4000, ['t1', 't3']);
		const reserve = step(board5, { type: 'next' }, T + 5000);
		expect(reserve.effects).toStrictEqual([{ type: 'questionOpened', index: 6 }]);
		const board6 = toLeaderboard(reserve.state, T + 6000, ['t1', 't3']);
		expect(go(board6, { type: 'next' }, T + 7000).phase).toBe('podium');
	});
});
