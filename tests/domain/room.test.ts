// The room state machine, one transition at a time: lobby → question → reveal → leaderboard → … →
// podium → ended, host commands, the clock's close command, join and answer windows.
import { describe, expect, it } from 'vitest';
import {
	answerWindow,
	applyCommand,
	canJoin,
	createRoomState,
	nextTimer,
	elapsedMs,
	remainingMs,
	type RoomCommand,
	type RoomEffect,
	type RoomState
} from '$lib/domain/room';

const T0 = 1_700_000_000_000;
const settings = { scoring: 'speed', timeLimit: 20, points: 1000 } as const;
// Question i's limit in seconds: 20, 30, 10.
const LIMITS = [20, 30, 10];
const limitOf = (i: number) => LIMITS[i] ?? 20;

function lobby(questionCount = 3): RoomState {
	return createRoomState({
		pin: '123456',
		quizId: 'fire-safety',
		title: '消防安全',
		settings,
		questionCount,
		now: T0
	});
}

/** Applies a command that must succeed. */
function ok(state: RoomState, cmd: RoomCommand, now: number) {
	const t = applyCommand(state, cmd, now, limitOf);
	if (!t.ok) throw new Error(`${cmd.type} refused: ${t.code} ${t.message}`);
	return t;
}
function go(state: RoomState, cmd: RoomCommand, now: number): RoomState {
	return ok(state, cmd, now).state;
}
function refusal(state: RoomState, cmd: RoomCommand, now: number) {
	const t = applyCommand(state, cmd, now, limitOf);
	return t.ok ? null : t.code;
}

describe('createRoomState', () => {
	it('starts in the lobby with no question, unlocked, late join allowed, by hand, version 0', () => {
		expect(lobby()).toEqual({
			pin: '123456',
			quizId: 'fire-safety',
			title: '消防安全',
			settings,
			questionCount: 3,
			phase: 'lobby',
			index: -1,
			openedAt: 0,
			deadline: 0,
			limitMs: 0,
			pausedMs: 0,
			pausedAt: null,
			locked: false,
			allowLateJoin: true,
			autoAdvance: null,
			phaseEndsAt: null,
			createdAt: T0,
			endedAt: null,
			version: 0
		});
	});
});

describe('applyCommand: the phase sequence', () => {
	it('start opens question 0 with its own limit and deadline', () => {
		const t = ok(lobby(), { type: 'start' }, T0 + 1000);
		expect(t.effects).toEqual([{ type: 'questionOpened', index: 0 }]);
		expect(t.state).toMatchObject({
			phase: 'question',
			index: 0,
			openedAt: T0 + 1000,
			deadline: T0 + 21_000,
			limitMs: 20_000,
			pausedMs: 0,
			pausedAt: null,
			version: 1
		});
	});

	it('next from the lobby also opens question 0', () => {
		const t = ok(lobby(), { type: 'next' }, T0);
		expect(t.state.phase).toBe('question');
		expect(t.state.index).toBe(0);
		expect(t.effects).toEqual([{ type: 'questionOpened', index: 0 }]);
	});

	it('start is refused once the game is running', () => {
		const s = go(lobby(), { type: 'start' }, T0);
		expect(refusal(s, { type: 'start' }, T0)).toBe('WRONG_PHASE');
	});

	it('walks lobby → (question → reveal → leaderboard)×3 → podium → ended with its effects', () => {
		let s = lobby();
		let now = T0;
		const phases: string[] = [s.phase];
		const effects: RoomEffect[] = [];
		const step = (cmd: RoomCommand) => {
			now += 1000;
			const t = ok(s, cmd, now);
			expect(t.state.version).toBe(s.version + 1);
			s = t.state;
			phases.push(s.phase);
			effects.push(...t.effects);
		};
		step({ type: 'start' });
		for (let i = 0; i < 3; i++) {
			expect(s.limitMs).toBe(LIMITS[i]! * 1000);
			expect(s.deadline).toBe(s.openedAt + LIMITS[i]! * 1000);
			step({ type: 'next' }); // host closes the question
			step({ type: 'next' }); // reveal → leaderboard
			step({ type: 'next' }); // leaderboard → next question or podium
		}
		step({ type: 'next' }); // podium → ended
		expect(phases).toEqual([
			'lobby',
			'question',
			'reveal',
			'leaderboard',
			'question',
			'reveal',
			'leaderboard',
			'question',
			'reveal',
			'leaderboard',
			'podium',
			'ended'
		]);
		expect(effects).toEqual([
			{ type: 'questionOpened', index: 0 },
			{ type: 'questionClosed', index: 0 },
			{ type: 'leaderboardShown', index: 0 },
			{ type: 'questionOpened', index: 1 },
			{ type: 'questionClosed', index: 1 },
			{ type: 'leaderboardShown', index: 1 },
			{ type: 'questionOpened', index: 2 },
			{ type: 'questionClosed', index: 2 },
			{ type: 'leaderboardShown', index: 2 },
			{ type: 'podiumShown' },
			{ type: 'ended' }
		]);
		expect(s.endedAt).toBe(now);
		expect(s.index).toBe(2);
		expect(s.version).toBe(11);
	});

	it('an ended room refuses every command', () => {
		const s = go(lobby(), { type: 'end' }, T0 + 5);
		expect(s.phase).toBe('ended');
		expect(s.endedAt).toBe(T0 + 5);
		const all: RoomCommand[] = [
			{ type: 'start' },
			{ type: 'next' },
			{ type: 'skip' },
			{ type: 'pause' },
			{ type: 'resume' },
			{ type: 'addTime', seconds: 10 },
			{ type: 'end' },
			{ type: 'lock' },
			{ type: 'unlock' },
			{ type: 'lateJoin', allow: false },
			{ type: 'close', index: 0, reason: 'all-answered' }
		];
		for (const cmd of all) expect(refusal(s, cmd, T0 + 10), cmd.type).toBe('WRONG_PHASE');
	});

	it('end works from a paused question and clears the pause', () => {
		let s = go(lobby(), { type: 'start' }, T0);
		s = go(s, { type: 'pause' }, T0 + 1000);
		const t = ok(s, { type: 'end' }, T0 + 2000);
		expect(t.effects).toEqual([{ type: 'ended' }]);
		expect(t.state).toMatchObject({ phase: 'ended', pausedAt: null, endedAt: T0 + 2000 });
	});

	it('does not change the state it was given', () => {
		const s = lobby();
		const copy = structuredClone(s);
		go(s, { type: 'start' }, T0);
		go(s, { type: 'lock' }, T0);
		expect(s).toEqual(copy);
	});
});

describe('applyCommand: skip', () => {
	it('drops the question unscored and opens the next one at once', () => {
		const s = go(lobby(), { type: 'start' }, T0);
		const t = ok(s, { type: 'skip' }, T0 + 4000);
		expect(t.effects).toEqual([{ type: 'questionOpened', index: 1 }]);
		expect(t.effects.some((e) => e.type === 'questionClosed')).toBe(false);
		expect(t.state).toMatchObject({
			phase: 'question',
			index: 1,
			openedAt: T0 + 4000,
			deadline: T0 + 34_000,
			limitMs: 30_000,
			pausedMs: 0
		});
	});

	it('skipping the last question goes to the podium', () => {
		let s = go(lobby(1), { type: 'start' }, T0);
		s = go(s, { type: 'pause' }, T0 + 100);
		const t = ok(s, { type: 'skip' }, T0 + 200);
		expect(t.effects).toEqual([{ type: 'podiumShown' }]);
		expect(t.state.phase).toBe('podium');
		expect(t.state.pausedAt).toBeNull();
	});

	it('skipping a paused question opens the next one unpaused', () => {
		let s = go(lobby(), { type: 'start' }, T0);
		s = go(s, { type: 'pause' }, T0 + 100);
		s = go(s, { type: 'skip' }, T0 + 5000);
		expect(s).toMatchObject({ phase: 'question', index: 1, pausedAt: null, pausedMs: 0 });
		expect(answerWindow(s, 1, T0 + 5001)).toBeNull();
	});

	it('is refused outside a question', () => {
		expect(refusal(lobby(), { type: 'skip' }, T0)).toBe('WRONG_PHASE');
		let s = go(lobby(), { type: 'start' }, T0);
		s = go(s, { type: 'next' }, T0 + 1);
		expect(s.phase).toBe('reveal');
		expect(refusal(s, { type: 'skip' }, T0 + 2)).toBe('WRONG_PHASE');
	});
});

describe('applyCommand: pause, resume and add-time', () => {
	it('pause freezes the remaining time; resume moves the deadline by the paused time', () => {
		let s = go(lobby(), { type: 'start' }, T0);
		s = go(s, { type: 'pause' }, T0 + 5000);
		expect(s.pausedAt).toBe(T0 + 5000);
		expect(remainingMs(s, T0 + 5000)).toBe(15_000);
		expect(remainingMs(s, T0 + 60_000)).toBe(15_000);
		s = go(s, { type: 'resume' }, T0 + 12_000);
		expect(s).toMatchObject({ pausedAt: null, pausedMs: 7000, deadline: T0 + 27_000 });
		expect(s.limitMs).toBe(20_000); // T is unchanged by a pause
		expect(remainingMs(s, T0 + 12_000)).toBe(15_000);
		expect(elapsedMs(s, T0 + 12_000)).toBe(5000);
		expect(elapsedMs(s, T0 + 27_000)).toBe(20_000);
	});

	it('accumulates several pauses', () => {
		let s = go(lobby(), { type: 'start' }, T0);
		s = go(s, { type: 'pause' }, T0 + 1000);
		s = go(s, { type: 'resume' }, T0 + 3000);
		s = go(s, { type: 'pause' }, T0 + 4000);
		s = go(s, { type: 'resume' }, T0 + 9000);
		expect(s.pausedMs).toBe(7000);
		expect(s.deadline).toBe(T0 + 27_000);
		expect(elapsedMs(s, T0 + 10_000)).toBe(3000);
	});

	it('refuses pausing twice, resuming when not paused and pausing outside a question', () => {
		expect(refusal(lobby(), { type: 'pause' }, T0)).toBe('WRONG_PHASE');
		expect(refusal(lobby(), { type: 'resume' }, T0)).toBe('NOT_PAUSED');
		let s = go(lobby(), { type: 'start' }, T0);
		expect(refusal(s, { type: 'resume' }, T0 + 1)).toBe('NOT_PAUSED');
		s = go(s, { type: 'pause' }, T0 + 2);
		expect(refusal(s, { type: 'pause' }, T0 + 3)).toBe('ALREADY_PAUSED');
	});

	it('addTime grows T and moves the deadline', () => {
		let s = go(lobby(), { type: 'start' }, T0);
		s = go(s, { type: 'addTime', seconds: 15 }, T0 + 18_000);
		expect(s).toMatchObject({ limitMs: 35_000, deadline: T0 + 35_000 });
		expect(remainingMs(s, T0 + 18_000)).toBe(17_000);
		expect(answerWindow(s, 0, T0 + 30_000)).toBeNull();
	});

	it('addTime while paused still counts once resumed', () => {
		let s = go(lobby(), { type: 'start' }, T0);
		s = go(s, { type: 'pause' }, T0 + 5000);
		s = go(s, { type: 'addTime', seconds: 10 }, T0 + 6000);
		expect(remainingMs(s, T0 + 7000)).toBe(25_000);
		s = go(s, { type: 'resume' }, T0 + 8000);
		expect(s).toMatchObject({ limitMs: 30_000, deadline: T0 + 33_000, pausedMs: 3000 });
	});

	it('addTime is refused outside a question', () => {
		expect(refusal(lobby(), { type: 'addTime', seconds: 10 }, T0)).toBe('WRONG_PHASE');
	});
});

describe('applyCommand: close (the clock)', () => {
	const open = () => go(lobby(), { type: 'start' }, T0);

	it('a deadline close before the deadline is STALE; at the deadline it closes', () => {
		const s = open();
		expect(refusal(s, { type: 'close', index: 0, reason: 'deadline' }, T0 + 19_999)).toBe('STALE');
		const t = ok(s, { type: 'close', index: 0, reason: 'deadline' }, T0 + 20_000);
		expect(t.state.phase).toBe('reveal');
		expect(t.effects).toEqual([{ type: 'questionClosed', index: 0 }]);
	});

	it('a deadline close while paused is STALE, even after the original deadline', () => {
		let s = open();
		s = go(s, { type: 'pause' }, T0 + 10_000);
		expect(refusal(s, { type: 'close', index: 0, reason: 'deadline' }, T0 + 25_000)).toBe('STALE');
	});

	it('a deadline close after add-time is STALE until the new deadline', () => {
		let s = open();
		s = go(s, { type: 'addTime', seconds: 5 }, T0 + 1000);
		expect(refusal(s, { type: 'close', index: 0, reason: 'deadline' }, T0 + 20_000)).toBe('STALE');
		expect(ok(s, { type: 'close', index: 0, reason: 'deadline' }, T0 + 25_000).state.phase).toBe(
			'reveal'
		);
	});

	it('all-answered closes early', () => {
		const t = ok(open(), { type: 'close', index: 0, reason: 'all-answered' }, T0 + 3000);
		expect(t.state.phase).toBe('reveal');
		expect(t.effects).toEqual([{ type: 'questionClosed', index: 0 }]);
	});

	it('a close for another question, or after the question closed, is STALE', () => {
		const s = open();
		expect(refusal(s, { type: 'close', index: 1, reason: 'all-answered' }, T0 + 1)).toBe('STALE');
		const closed = go(s, { type: 'close', index: 0, reason: 'all-answered' }, T0 + 2);
		expect(refusal(closed, { type: 'close', index: 0, reason: 'all-answered' }, T0 + 3)).toBe(
			'STALE'
		);
		expect(refusal(closed, { type: 'close', index: 0, reason: 'deadline' }, T0 + 50_000)).toBe(
			'STALE'
		);
		expect(refusal(lobby(), { type: 'close', index: 0, reason: 'deadline' }, T0 + 50_000)).toBe(
			'STALE'
		);
	});

	it('closing a paused question adds the held time and clears the pause', () => {
		let s = open();
		s = go(s, { type: 'pause' }, T0 + 4000);
		s = go(s, { type: 'next' }, T0 + 9000);
		expect(s).toMatchObject({ phase: 'reveal', pausedAt: null, pausedMs: 5000 });
	});
});

describe('applyCommand: lock and late join', () => {
	it('lock, unlock and lateJoin toggle their flags in any live phase', () => {
		let s = go(lobby(), { type: 'lock' }, T0);
		expect(s.locked).toBe(true);
		expect(s.phase).toBe('lobby');
		s = go(s, { type: 'unlock' }, T0);
		expect(s.locked).toBe(false);
		s = go(s, { type: 'lateJoin', allow: false }, T0);
		expect(s.allowLateJoin).toBe(false);
		s = go(s, { type: 'start' }, T0);
		s = go(s, { type: 'lateJoin', allow: true }, T0);
		expect(s).toMatchObject({ allowLateJoin: true, phase: 'question' });
	});
});

describe('canJoin', () => {
	it('lets anyone into an open lobby', () => {
		expect(canJoin(lobby())).toBeNull();
	});

	it('refuses a locked room', () => {
		expect(canJoin(go(lobby(), { type: 'lock' }, T0))).toBe('ROOM_LOCKED');
	});

	it('lets late joiners in after the start only if allowed', () => {
		const started = go(lobby(), { type: 'start' }, T0);
		expect(canJoin(started)).toBeNull();
		const closedDoor = go(started, { type: 'lateJoin', allow: false }, T0);
		expect(canJoin(closedDoor)).toBe('GAME_STARTED');
		// lateJoin only matters once the game has started
		expect(canJoin(go(lobby(), { type: 'lateJoin', allow: false }, T0))).toBeNull();
	});

	it('refuses an ended room', () => {
		expect(canJoin(go(lobby(), { type: 'end' }, T0))).toBe('ROOM_ENDED');
	});
});

describe('answerWindow, elapsedMs and remainingMs', () => {
	it('no question in the lobby, reveal or leaderboard', () => {
		let s = lobby();
		expect(answerWindow(s, 0, T0)).toBe('NO_QUESTION');
		s = go(s, { type: 'start' }, T0);
		s = go(s, { type: 'next' }, T0 + 1);
		expect(answerWindow(s, 0, T0 + 2)).toBe('NO_QUESTION');
		s = go(s, { type: 'next' }, T0 + 3);
		expect(answerWindow(s, 0, T0 + 4)).toBe('NO_QUESTION');
		expect(remainingMs(s, T0 + 4)).toBe(0);
	});

	it('refuses another question index, a pause and a late answer', () => {
		let s = go(lobby(), { type: 'start' }, T0);
		expect(answerWindow(s, 0, T0)).toBeNull();
		expect(answerWindow(s, 1, T0)).toBe('WRONG_QUESTION');
		expect(answerWindow(s, 0, T0 + 20_000)).toBeNull(); // at the deadline: still in time
		expect(answerWindow(s, 0, T0 + 20_001)).toBe('TIME_UP');
		s = go(s, { type: 'pause' }, T0 + 1000);
		expect(answerWindow(s, 0, T0 + 1001)).toBe('PAUSED');
	});

	it('elapsedMs counts from opening, excludes pauses, never goes negative', () => {
		let s = go(lobby(), { type: 'start' }, T0);
		expect(elapsedMs(s, T0)).toBe(0);
		expect(elapsedMs(s, T0 + 1234)).toBe(1234);
		expect(elapsedMs(s, T0 - 50)).toBe(0);
		s = go(s, { type: 'pause' }, T0 + 2000);
		s = go(s, { type: 'resume' }, T0 + 6000);
		expect(elapsedMs(s, T0 + 7000)).toBe(3000);
	});

	it('remainingMs counts down to the deadline and stops at 0', () => {
		const s = go(lobby(), { type: 'start' }, T0);
		expect(remainingMs(s, T0)).toBe(20_000);
		expect(remainingMs(s, T0 + 19_000)).toBe(1000);
		expect(remainingMs(s, T0 + 25_000)).toBe(0);
	});
});

describe('nextTimer: what the clock waits for', () => {
	const quizSettings = { scoring: 'speed' as const, timeLimit: 20, points: 1000 };
	const start = createRoomState({
		pin: '111111',
		quizId: 'q',
		title: 't',
		settings: quizSettings,
		questionCount: 2,
		now: 1000
	});
	const go = (s: RoomState, cmd: RoomCommand, now: number) => {
		const t = applyCommand(s, cmd, now, () => 20);
		if (!t.ok) throw new Error(t.code);
		return t.state;
	};

	it('nothing in the lobby; an open question’s deadline; nothing while paused', () => {
		expect(nextTimer(start)).toBeNull();
		const open = go(start, { type: 'start' }, 2000);
		expect(nextTimer(open)).toEqual({
			at: 22_000,
			command: { type: 'close', index: 0, reason: 'deadline' }
		});
		const paused = go(open, { type: 'pause' }, 3000);
		expect(nextTimer(paused)).toBeNull();
		expect(nextTimer(go(paused, { type: 'resume' }, 4000))!.at).toBe(23_000);
	});

	it('the end of an auto-advancing reveal and leaderboard, and nothing without auto-advance', () => {
		const auto = go(
			start,
			{ type: 'autoAdvance', settings: { revealSec: 5, leaderboardSec: 7 } },
			1500
		);
		const closed = go(go(auto, { type: 'start' }, 2000), { type: 'next' }, 3000);
		// Closing leaves the scoring pending: that job comes first, due at once.
		expect(nextTimer(closed)).toEqual({ at: 0, command: { type: 'finishScoring', index: 0 } });
		const reveal = go(closed, { type: 'scored', index: 0 }, 3000);
		expect(nextTimer(reveal)).toEqual({
			at: 8000,
			command: { type: 'advance', phase: 'reveal', index: 0 }
		});
		const board = go(reveal, { type: 'next' }, 4000);
		expect(nextTimer(board)).toEqual({
			at: 11_000,
			command: { type: 'advance', phase: 'leaderboard', index: 0 }
		});
		const manual = go(go(start, { type: 'start' }, 2000), { type: 'next' }, 3000);
		expect(nextTimer(go(manual, { type: 'scored', index: 0 }, 3000))).toBeNull();
	});
});
