// The contest-day part of a room's state (知识竞赛): the team order (drawn or as defined), the
// current 抢答 question's buzzer, and the teams level on the top score playing the tiebreak.
// room.ts applies it; this file holds the rules that are only about rounds.
import { settleBuzz, type BuzzSettings, type BuzzState } from './buzz';
import type { DrawRecord } from './draw';
import { buzzOf, roundAt, type Round, type RoundPosition } from './plan';

export interface DayState {
	/** Team ids in turn order: the draw's, or as the teams were defined. */
	order: string[];
	draw: DrawRecord | null;
	/** The buzzer of the current 抢答 question; null on other questions. */
	buzz: BuzzState | null;
	/** Those level on the top score once the regular rounds are over; null before (or no tie). */
	tied: string[] | null;
}

/** What the room's transitions need to know of the quiz beyond its question limits. */
export interface DayPlan {
	rounds: readonly Round[] | undefined;
	teamIds: readonly string[];
}

export function createDayState(plan: DayPlan): DayState {
	return { order: [...plan.teamIds], draw: null, buzz: null, tied: null };
}

/** A buzz round's settings in milliseconds, as the buzz state machine takes them. */
export function buzzSettings(round: Round): BuzzSettings {
	const b = buzzOf(round);
	return {
		armMs: b.armSec * 1000,
		openMs: b.openSec * 1000,
		answerMs: b.answerSec * 1000,
		passOnWrong: b.passOnWrong,
		earlyPenalty: b.earlyPenalty
	};
}

/** The buzz round question `index` is in, if it is one. */
export function buzzRoundAt(plan: DayPlan | undefined, index: number): RoundPosition | null {
	const pos = roundAt(plan?.rounds, index);
	return pos && pos.round.type === 'buzz' ? pos : null;
}

/** When the buzzer next changes by itself: opens, closes unbuzzed, or the answer runs out. */
export function buzzNextAt(b: BuzzState): number | null {
	if (b.phase === 'arming') return b.openAt;
	if (b.phase === 'open') return b.closesAt;
	if (b.phase === 'answering') return b.answering?.until ?? null;
	return null;
}

/** The question's deadline while a buzzer runs: the end of whatever it is doing now. */
export function buzzDeadline(b: BuzzState, settings: BuzzSettings): number {
	const at = buzzNextAt(b);
	if (at === null) return 0;
	// While arming, answers are not taken yet; the deadline shown is the buzzer's own end.
	return b.phase === 'arming' ? at + settings.openMs : at;
}

/** Shifts every pending buzzer time by `ms` (a pause held for `ms`). */
export function shiftBuzz(b: BuzzState, ms: number): BuzzState {
	if (ms === 0) return b;
	return {
		...b,
		openAt: b.openAt === null ? null : b.openAt + ms,
		closesAt: b.closesAt === null ? null : b.closesAt + ms,
		answering: b.answering ? { ...b.answering, until: b.answering.until + ms } : null
	};
}

/** Adds time to what the buzzer is doing now (the open buzzer, or the answer). */
export function extendBuzz(b: BuzzState, ms: number): BuzzState {
	if (b.phase === 'answering' && b.answering) {
		return { ...b, answering: { ...b.answering, until: b.answering.until + ms } };
	}
	if (b.phase === 'open' && b.closesAt !== null) return { ...b, closesAt: b.closesAt + ms };
	return b;
}

export { settleBuzz };
