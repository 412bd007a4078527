// Contest days are Asia/Shanghai days: the daily attempt cap resets at midnight in China, whatever
// the server's or the phone's time zone. China has kept UTC+8 without daylight saving since 1991,
// so a fixed offset is exact and needs no time-zone database (and stays pure: `now` is passed in).

/** Asia/Shanghai's offset from UTC, in milliseconds. */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The Shanghai day of an instant as "YYYY-MM-DD" (the key the store counts attempts under). */
export function shanghaiDayKey(at: number): string {
	return new Date(at + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** `2026-06-16 14:30:05`, Beijing time: how every export and record page writes an instant. */
export function shanghaiTime(ms: number): string {
	return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** `2026-06-16`, Beijing time. */
export function shanghaiDate(ms: number): string {
	return shanghaiTime(ms).slice(0, 10);
}

/** The instant (ms since the epoch) at which the Shanghai day holding `at` began. */
export function shanghaiDayStart(at: number): number {
	const local = at + SHANGHAI_OFFSET_MS;
	return local - mod(local, DAY_MS) - SHANGHAI_OFFSET_MS;
}

/** The instant at which the next Shanghai day begins (when today's attempts are counted afresh). */
export function nextShanghaiDayStart(at: number): number {
	return shanghaiDayStart(at) + DAY_MS;
}

/** The instant at which the Shanghai day with this "YYYY-MM-DD" key begins; null for a bad key. */
export function shanghaiDayStartOfKey(key: string): number | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
	if (!m) return null;
	const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
	// Date.UTC rolls 2026-02-30 over to March: such a key names no day.
	if (new Date(utc).toISOString().slice(0, 10) !== key) return null;
	return utc - SHANGHAI_OFFSET_MS;
}

/** A contest's window: attempts may start from `startsAt` (inclusive) until `endsAt` (exclusive). */
export interface ContestWindow {
	startsAt: number;
	endsAt: number;
}

export type WindowState =
	| { state: 'upcoming'; opensInMs: number }
	| { state: 'open'; closesInMs: number }
	| { state: 'ended' };

/** Where an instant falls against the window; the landing page's countdown reads `opensInMs`. */
export function windowState(window: ContestWindow, now: number): WindowState {
	if (now < window.startsAt) return { state: 'upcoming', opensInMs: window.startsAt - now };
	if (now < window.endsAt) return { state: 'open', closesInMs: window.endsAt - now };
	return { state: 'ended' };
}

// `%` keeps the dividend's sign; instants before 1970 would otherwise land on the wrong day.
const mod = (n: number, m: number): number => ((n % m) + m) % m;
