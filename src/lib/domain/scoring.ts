// Scoring rules from DESIGN.md. Pure functions of the answer, its server-stamped time and the limit.
import type { QuizSettings } from './question';

export const STREAK_STEP = 100;
export const STREAK_CAP = 500;

export interface ScoreInput {
	correct: boolean | null; // null: a poll
	elapsedMs: number; // from question opening to server receipt, pauses excluded
	limitMs: number;
	points: number; // base points P for this question
	streakBefore: number;
	mode: QuizSettings['scoring'];
}

export interface ScoreOutput {
	points: number;
	streak: number;
	bonus: number;
}

/** Speed points: round(P × (1 − t / (2T))), full at once, half at the buzzer. */
export function speedPoints(points: number, elapsedMs: number, limitMs: number): number {
	const t = Math.min(Math.max(elapsedMs, 0), limitMs);
	return Math.round(points * (1 - t / (2 * limitMs)));
}

/** 100 for each consecutive correct answer after the first, capped at 500. */
export function streakBonus(streak: number): number {
	return Math.min(Math.max(streak - 1, 0) * STREAK_STEP, STREAK_CAP);
}

export function scoreAnswer(s: ScoreInput): ScoreOutput {
	if (s.correct === null) return { points: 0, streak: s.streakBefore, bonus: 0 };
	if (!s.correct) return { points: 0, streak: 0, bonus: 0 };
	const streak = s.streakBefore + 1;
	if (s.mode === 'accuracy') return { points: s.points, streak, bonus: 0 };
	const bonus = streakBonus(streak);
	return { points: speedPoints(s.points, s.elapsedMs, s.limitMs) + bonus, streak, bonus };
}
