// Scoring rules: speed points round(P × (1 − t/(2T))) with t clamped to [0, T], a streak bonus of
// 100 per consecutive correct answer after the first (capped at 500), accuracy mode at a fixed P
// without bonus, and polls that score nothing and leave the streak alone.
import { describe, expect, it } from 'vitest';
import {
	scoreAnswer,
	speedPoints,
	streakBonus,
	STREAK_CAP,
	STREAK_STEP,
	type ScoreInput
} from '$lib/domain/scoring';

const base: ScoreInput = {
	correct: true,
	elapsedMs: 0,
	limitMs: 20_000,
	points: 1000,
	streakBefore: 0,
	mode: 'speed'
};

describe('speedPoints', () => {
	it.each([
		{ t: 0, want: 1000 },
		{ t: 5000, want: 875 },
		{ t: 10_000, want: 750 },
		{ t: 15_000, want: 625 },
		{ t: 19_999, want: 500 }, // 500.025 rounds down
		{ t: 20_000, want: 500 },
		{ t: 20_001, want: 500 }, // clamped to T
		{ t: 1_000_000, want: 500 },
		{ t: -3000, want: 1000 } // clamped to 0
	])('P=1000, T=20000, t=$t → $want', ({ t, want }) => {
		expect(speedPoints(1000, t, 20_000)).toBe(want);
	});

	it('rounds to the nearest point', () => {
		// 1000 × (1 − 1000/60000) = 983.33…
		expect(speedPoints(1000, 1000, 30_000)).toBe(983);
		// 1000 × (1 − 2000/60000) = 966.66…
		expect(speedPoints(1000, 2000, 30_000)).toBe(967);
		// 2000 × (1 − 2000/20000) = 1800
		expect(speedPoints(2000, 2000, 10_000)).toBe(1800);
		// 5 × 0.5 = 2.5 → 3 (Math.round rounds halves up)
		expect(speedPoints(5, 10_000, 10_000)).toBe(3);
	});

	it('gives nothing when the question is worth nothing', () => {
		expect(speedPoints(0, 0, 20_000)).toBe(0);
		expect(speedPoints(0, 20_000, 20_000)).toBe(0);
	});
});

describe('streakBonus', () => {
	it('is 100 per consecutive correct answer after the first, capped at 500', () => {
		expect(STREAK_STEP).toBe(100);
		expect(STREAK_CAP).toBe(500);
		expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 20].map(streakBonus)).toEqual([
			0, 0, 100, 200, 300, 400, 500, 500, 500, 500
		]);
	});
});

describe('scoreAnswer', () => {
	it('a first correct answer earns speed points and starts a streak without bonus', () => {
		expect(scoreAnswer({ ...base, elapsedMs: 5000 })).toEqual({
			points: 875,
			streak: 1,
			bonus: 0
		});
	});

	it('a run of correct answers earns 0, 100, 200, 300, 400, 500, 500 bonus', () => {
		let streak = 0;
		const got: { points: number; bonus: number; streak: number }[] = [];
		for (let i = 0; i < 8; i++) {
			const s = scoreAnswer({ ...base, elapsedMs: 0, streakBefore: streak });
			got.push(s);
			streak = s.streak;
		}
		expect(got.map((s) => s.bonus)).toEqual([0, 100, 200, 300, 400, 500, 500, 500]);
		expect(got.map((s) => s.points)).toEqual([1000, 1100, 1200, 1300, 1400, 1500, 1500, 1500]);
		expect(got.map((s) => s.streak)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
	});

	it('adds the bonus to the time-reduced points', () => {
		// streak 3 → bonus 200; t = T → 500
		expect(scoreAnswer({ ...base, elapsedMs: 20_000, streakBefore: 2 })).toEqual({
			points: 700,
			streak: 3,
			bonus: 200
		});
		// late answers are clamped to T
		expect(scoreAnswer({ ...base, elapsedMs: 45_000, streakBefore: 9 })).toEqual({
			points: 1000,
			streak: 10,
			bonus: 500
		});
	});

	it('a wrong answer scores nothing and breaks the streak', () => {
		expect(scoreAnswer({ ...base, correct: false, streakBefore: 4 })).toEqual({
			points: 0,
			streak: 0,
			bonus: 0
		});
	});

	it('a poll scores nothing and leaves the streak as it was', () => {
		expect(scoreAnswer({ ...base, correct: null, streakBefore: 4 })).toEqual({
			points: 0,
			streak: 4,
			bonus: 0
		});
		expect(scoreAnswer({ ...base, correct: null, streakBefore: 0, mode: 'accuracy' })).toEqual({
			points: 0,
			streak: 0,
			bonus: 0
		});
	});

	it('accuracy mode gives the fixed base points whatever the time, with no bonus', () => {
		for (const elapsedMs of [0, 5000, 20_000, 90_000]) {
			expect(scoreAnswer({ ...base, mode: 'accuracy', elapsedMs, streakBefore: 5 })).toEqual({
				points: 1000,
				streak: 6,
				bonus: 0
			});
		}
		expect(scoreAnswer({ ...base, mode: 'accuracy', points: 2500 }).points).toBe(2500);
		expect(scoreAnswer({ ...base, mode: 'accuracy', correct: false, streakBefore: 3 })).toEqual({
			points: 0,
			streak: 0,
			bonus: 0
		});
	});

	it('uses the per-question base points', () => {
		expect(scoreAnswer({ ...base, points: 2000, elapsedMs: 2000, limitMs: 10_000 }).points).toBe(
			1800
		);
	});
});
