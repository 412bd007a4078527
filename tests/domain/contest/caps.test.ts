import { describe, expect, it } from 'vitest';
import { mayStartAttempt, type CapRules } from '$lib/domain/contest/caps';

const utc = (iso: string) => Date.parse(iso);
const window = { startsAt: utc('2026-06-01T00:00:00Z'), endsAt: utc('2026-06-30T16:00:00Z') };
const oncePerDay: CapRules = {
	attemptsPerDay: 1,
	attemptsTotal: null,
	bonusPerInvite: 0,
	bonusPerDayMax: 0
};
const fresh = { startedToday: 0, startedTotal: 0, invitesToday: 0 };
const noon = utc('2026-06-16T04:00:00Z');

describe('caps: may a participant start an attempt', () => {
	it('lets the first attempt of the day start, and says what is left', () => {
		expect(mayStartAttempt(window, oncePerDay, fresh, noon)).toEqual({
			ok: true,
			leftToday: 1,
			leftTotal: null
		});
	});

	it('refuses the second one today, and says when to come back', () => {
		const used = { ...fresh, startedToday: 1, startedTotal: 1 };
		expect(mayStartAttempt(window, oncePerDay, used, noon)).toEqual({
			ok: false,
			code: 'CONTEST_DAILY_CAP',
			message: '今日次数已用完',
			retryAt: utc('2026-06-16T16:00:00Z')
		});
	});

	it('counts by the Shanghai day: 15:59:59.999 UTC is still today, 16:00 is tomorrow', () => {
		// The store counts attempts under shanghaiDayKey(now): at 16:00 UTC the key changes, so the
		// count it passes in for "today" is 0 again.
		const lastMs = utc('2026-06-16T15:59:59.999Z');
		const usedToday = { ...fresh, startedToday: 1, startedTotal: 1 };
		expect(mayStartAttempt(window, oncePerDay, usedToday, lastMs).ok).toBe(false);
		const nextDay = { ...fresh, startedToday: 0, startedTotal: 1 };
		expect(mayStartAttempt(window, oncePerDay, nextDay, lastMs + 1).ok).toBe(true);
	});

	it('adds invite bonuses for today, up to the daily bonus cap', () => {
		const rules = { ...oncePerDay, bonusPerInvite: 1, bonusPerDayMax: 2 };
		const at = (startedToday: number, invitesToday: number) =>
			mayStartAttempt(
				window,
				rules,
				{ startedToday, startedTotal: startedToday, invitesToday },
				noon
			);
		expect(at(1, 0).ok).toBe(false);
		expect(at(1, 1)).toEqual({ ok: true, leftToday: 1, leftTotal: null });
		expect(at(2, 1).ok).toBe(false);
		// Five invites earn no more than the two-attempt bonus cap.
		expect(at(0, 5)).toEqual({ ok: true, leftToday: 3, leftTotal: null });
		expect(at(3, 5).ok).toBe(false);
	});

	it('stops at the total cap, and says so rather than "come back tomorrow"', () => {
		const rules = { ...oncePerDay, attemptsPerDay: 3, attemptsTotal: 5 };
		expect(
			mayStartAttempt(window, rules, { startedToday: 0, startedTotal: 4, invitesToday: 0 }, noon)
		).toEqual({ ok: true, leftToday: 1, leftTotal: 1 });
		expect(
			mayStartAttempt(window, rules, { startedToday: 3, startedTotal: 5, invitesToday: 0 }, noon)
		).toEqual({ ok: false, code: 'CONTEST_TOTAL_CAP', message: '总次数已用完', retryAt: null });
	});

	it('refuses before the window opens and after it ends', () => {
		expect(mayStartAttempt(window, oncePerDay, fresh, window.startsAt - 1)).toEqual({
			ok: false,
			code: 'CONTEST_NOT_STARTED',
			message: '活动未开始',
			retryAt: window.startsAt
		});
		expect(mayStartAttempt(window, oncePerDay, fresh, window.startsAt).ok).toBe(true);
		expect(mayStartAttempt(window, oncePerDay, fresh, window.endsAt - 1).ok).toBe(true);
		expect(mayStartAttempt(window, oncePerDay, fresh, window.endsAt)).toEqual({
			ok: false,
			code: 'CONTEST_ENDED',
			message: '活动已结束',
			retryAt: null
		});
	});

	it('on the last day, a used-up cap has no tomorrow to come back to', () => {
		const lastDay = utc('2026-06-30T04:00:00Z');
		const used = { ...fresh, startedToday: 1, startedTotal: 1 };
		const decision = mayStartAttempt(window, oncePerDay, used, lastDay);
		expect(decision).toMatchObject({ ok: false, code: 'CONTEST_DAILY_CAP', retryAt: null });
	});
});
