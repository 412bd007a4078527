import { describe, expect, it } from 'vitest';
import {
	nextShanghaiDayStart,
	shanghaiDayKey,
	shanghaiDayStart,
	shanghaiDayStartOfKey,
	windowState
} from '$lib/domain/contest/calendar';

const utc = (iso: string) => Date.parse(iso);

describe('calendar: the Asia/Shanghai day', () => {
	it('the day turns at 16:00 UTC (midnight in Shanghai)', () => {
		expect(shanghaiDayKey(utc('2026-06-15T15:59:59.999Z'))).toBe('2026-06-15');
		expect(shanghaiDayKey(utc('2026-06-15T16:00:00.000Z'))).toBe('2026-06-16');
	});

	it('a UTC morning is already that day in Shanghai, a UTC evening is the next', () => {
		expect(shanghaiDayKey(utc('2026-06-16T00:30:00Z'))).toBe('2026-06-16');
		expect(shanghaiDayKey(utc('2026-06-16T20:00:00Z'))).toBe('2026-06-17');
	});

	it('gives the start of the day and of the next one', () => {
		const at = utc('2026-06-16T09:00:00Z'); // 17:00 in Shanghai
		expect(new Date(shanghaiDayStart(at)).toISOString()).toBe('2026-06-15T16:00:00.000Z');
		expect(new Date(nextShanghaiDayStart(at)).toISOString()).toBe('2026-06-16T16:00:00.000Z');
		// The first millisecond of a day starts it; the last one still belongs to it.
		const start = utc('2026-06-15T16:00:00Z');
		expect(shanghaiDayStart(start)).toBe(start);
		expect(shanghaiDayStart(start - 1)).toBe(start - 24 * 3600_000);
	});

	it('turns a day key back into its start, and refuses keys that name no day', () => {
		expect(shanghaiDayStartOfKey('2026-06-16')).toBe(utc('2026-06-15T16:00:00Z'));
		expect(shanghaiDayStartOfKey('2026-02-30')).toBeNull();
		expect(shanghaiDayStartOfKey('2026-6-16')).toBeNull();
	});

	it('crosses the year boundary', () => {
		expect(shanghaiDayKey(utc('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
	});
});

describe('calendar: a contest window', () => {
	const window = { startsAt: utc('2026-06-01T00:00:00Z'), endsAt: utc('2026-06-30T16:00:00Z') };

	it('is upcoming before it opens, with the time left to the countdown', () => {
		expect(windowState(window, window.startsAt - 90_000)).toEqual({
			state: 'upcoming',
			opensInMs: 90_000
		});
		expect(windowState(window, window.startsAt - 1)).toEqual({ state: 'upcoming', opensInMs: 1 });
	});

	it('is open from its first millisecond to the one before its end', () => {
		expect(windowState(window, window.startsAt).state).toBe('open');
		expect(windowState(window, window.endsAt - 1)).toEqual({ state: 'open', closesInMs: 1 });
	});

	it('has ended at its end', () => {
		expect(windowState(window, window.endsAt)).toEqual({ state: 'ended' });
	});
});
