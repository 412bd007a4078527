// Whether a participant may start an attempt now. Pure: the store passes in the counts it holds and
// performs the check and the increment as one atomic operation, so concurrent starts cannot pass
// the cap; this module is the rule that operation applies, and what the landing page shows.
import { nextShanghaiDayStart, windowState, type ContestWindow } from './calendar';

/** The organiser's attempt rules (a structural subset of the contest's settings). */
export interface CapRules {
	/** Attempts each participant may start per Asia/Shanghai day, before bonuses. */
	attemptsPerDay: number;
	/** Attempts over the whole contest; null: no total cap. */
	attemptsTotal: number | null;
	/** Extra attempts today per friend invited today (0: no invite bonus). */
	bonusPerInvite: number;
	/** At most this many bonus attempts a day, however many friends were invited. */
	bonusPerDayMax: number;
}

/** What the store counts for one participant (today means the Shanghai day of `now`). */
export interface CapCounts {
	startedToday: number;
	startedTotal: number;
	invitesToday: number;
}

export const CONTEST_CAP_ERRORS = {
	CONTEST_NOT_STARTED: '活动未开始',
	CONTEST_ENDED: '活动已结束',
	CONTEST_DAILY_CAP: '今日次数已用完',
	CONTEST_TOTAL_CAP: '总次数已用完'
} as const satisfies Record<string, string>;
export type ContestCapError = keyof typeof CONTEST_CAP_ERRORS;

export type CapDecision =
	| {
			ok: true;
			/** Attempts still left today, counting the one about to start. */
			leftToday: number;
			/** Attempts left over the contest, counting it; null without a total cap. */
			leftTotal: number | null;
	  }
	| {
			ok: false;
			code: ContestCapError;
			message: string;
			/** When starting becomes possible again (opening, or the next day), if it will. */
			retryAt: number | null;
	  };

/** Bonus attempts earned today: invites × bonus each, never above the daily bonus cap. */
export function bonusToday(rules: CapRules, invitesToday: number): number {
	const earned = Math.max(0, invitesToday) * Math.max(0, rules.bonusPerInvite);
	return Math.min(earned, Math.max(0, rules.bonusPerDayMax));
}

/** Attempts allowed today (base plus today's bonus). */
export function allowedToday(rules: CapRules, invitesToday: number): number {
	return rules.attemptsPerDay + bonusToday(rules, invitesToday);
}

/**
 * The decision for a start at `now`. The window is checked first (a closed contest says so, not
 * "no attempts left"); then the total cap before the daily one, because a participant who has used
 * every attempt should not be told to come back tomorrow.
 */
export function mayStartAttempt(
	window: ContestWindow,
	rules: CapRules,
	counts: CapCounts,
	now: number
): CapDecision {
	const w = windowState(window, now);
	if (w.state === 'upcoming') return refuse('CONTEST_NOT_STARTED', window.startsAt);
	if (w.state === 'ended') return refuse('CONTEST_ENDED', null);

	const leftTotal =
		rules.attemptsTotal === null ? null : Math.max(0, rules.attemptsTotal - counts.startedTotal);
	if (leftTotal === 0) return refuse('CONTEST_TOTAL_CAP', null);

	const leftToday = Math.max(0, allowedToday(rules, counts.invitesToday) - counts.startedToday);
	if (leftToday === 0) {
		const tomorrow = nextShanghaiDayStart(now);
		return refuse('CONTEST_DAILY_CAP', tomorrow < window.endsAt ? tomorrow : null);
	}
	return {
		ok: true,
		leftToday: leftTotal === null ? leftToday : Math.min(leftToday, leftTotal),
		leftTotal
	};
}

function refuse(code: ContestCapError, retryAt: number | null): CapDecision {
	return { ok: false, code, message: CONTEST_CAP_ERRORS[code], retryAt };
}
