// Timed schedule: with auto-advance on, reveal and leaderboard move on by themselves.
import { describe, expect, it } from 'vitest';
import {
	applyCommand,
	createRoomState,
	type RoomCommand,
	type RoomState
} from '../../src/lib/domain/room';

const limit = () => 20;
const T0 = 1_000_000;

function room(questionCount = 2): RoomState {
	return createRoomState({
		pin: '123456',
		quizId: 'q',
		title: 't',
		settings: { scoring: 'speed', timeLimit: 20, points: 1000 },
		questionCount,
		now: T0
	});
}

function run(state: RoomState, cmd: RoomCommand, now: number): RoomState {
	const t = applyCommand(state, cmd, now, limit);
	if (!t.ok) throw new Error(`${cmd.type} refused: ${t.code}`);
	return t.state;
}

describe('auto-advance', () => {
	const auto = { revealSec: 5, leaderboardSec: 8 };

	it('times reveal and leaderboard, then opens the next question and ends at the podium', () => {
		let s = run(room(), { type: 'autoAdvance', settings: auto }, T0);
		expect(s.autoAdvance).toEqual(auto);
		s = run(s, { type: 'start' }, T0 + 1000);
		expect(s.phaseEndsAt).toBeNull();
		s = run(s, { type: 'close', index: 0, reason: 'deadline' }, T0 + 21_000);
		expect(s.phase).toBe('reveal');
		expect(s.phaseEndsAt).toBe(T0 + 26_000);

		// Too early: refused as stale, nothing changes.
		const early = applyCommand(
			s,
			{ type: 'advance', phase: 'reveal', index: 0 },
			T0 + 25_999,
			limit
		);
		expect(early).toMatchObject({ ok: false, code: 'STALE' });

		s = run(s, { type: 'advance', phase: 'reveal', index: 0 }, T0 + 26_000);
		expect(s.phase).toBe('leaderboard');
		expect(s.phaseEndsAt).toBe(T0 + 34_000);
		s = run(s, { type: 'advance', phase: 'leaderboard', index: 0 }, T0 + 34_000);
		expect(s).toMatchObject({ phase: 'question', index: 1, phaseEndsAt: null });
		s = run(s, { type: 'close', index: 1, reason: 'all-answered' }, T0 + 40_000);
		s = run(s, { type: 'advance', phase: 'reveal', index: 1 }, T0 + 45_000);
		s = run(s, { type: 'advance', phase: 'leaderboard', index: 1 }, T0 + 53_000);
		// The podium waits for the host: no timer.
		expect(s).toMatchObject({ phase: 'podium', phaseEndsAt: null });
	});

	it('a host who moves on first makes the pending advance stale', () => {
		let s = run(room(), { type: 'autoAdvance', settings: auto }, T0);
		s = run(s, { type: 'start' }, T0);
		s = run(s, { type: 'next' }, T0 + 1000); // reveal
		s = run(s, { type: 'next' }, T0 + 2000); // leaderboard, by hand
		expect(s.phaseEndsAt).toBe(T0 + 10_000);
		const late = applyCommand(s, { type: 'advance', phase: 'reveal', index: 0 }, T0 + 6000, limit);
		expect(late).toMatchObject({ ok: false, code: 'STALE' });
	});

	it('turning it off clears the timer; unrelated commands keep it', () => {
		let s = run(room(), { type: 'autoAdvance', settings: auto }, T0);
		s = run(s, { type: 'start' }, T0);
		s = run(s, { type: 'next' }, T0 + 1000);
		expect(s.phaseEndsAt).toBe(T0 + 6000);
		s = run(s, { type: 'lock' }, T0 + 2000);
		expect(s.phaseEndsAt).toBe(T0 + 6000);
		s = run(s, { type: 'autoAdvance', settings: null }, T0 + 3000);
		expect(s.phaseEndsAt).toBeNull();
		const advance = applyCommand(
			s,
			{ type: 'advance', phase: 'reveal', index: 0 },
			T0 + 9000,
			limit
		);
		expect(advance).toMatchObject({ ok: false, code: 'STALE' });
	});

	it('turning it on during a reveal starts that reveal’s timer', () => {
		let s = run(room(), { type: 'start' }, T0);
		s = run(s, { type: 'next' }, T0 + 1000);
		expect(s.phaseEndsAt).toBeNull();
		s = run(s, { type: 'autoAdvance', settings: auto }, T0 + 2000);
		expect(s.phaseEndsAt).toBe(T0 + 7000);
	});
});
