// How the contest pages write times and figures (Beijing time, whatever the phone's zone).
import { shanghaiTime } from '$lib/domain/contest/calendar';

/** `2026-06-16 14:30`, Beijing time. */
export const beijing = (ms: number) => shanghaiTime(ms).slice(0, 16);

/** 90_500 → "1:31" (a countdown; rounds up so that 0:00 means time is up). */
export function clock(ms: number): string {
	const s = Math.max(0, Math.ceil(ms / 1000));
	const m = Math.floor(s / 60);
	return `${m}:${String(s % 60).padStart(2, '0')}`;
}

/** 3 天 4 小时 / 2 小时 5 分 / 4 分 12 秒: the time until the window opens. */
export function span(ms: number): string {
	const s = Math.max(0, Math.ceil(ms / 1000));
	const d = Math.floor(s / 86400);
	const h = Math.floor((s % 86400) / 3600);
	const m = Math.floor((s % 3600) / 60);
	if (d > 0) return `${d} 天 ${h} 小时`;
	if (h > 0) return `${h} 小时 ${m} 分`;
	return `${m} 分 ${s % 60} 秒`;
}

/** 83_400 → "1 分 23 秒" (time used). */
export function used(ms: number): string {
	const s = Math.round(ms / 1000);
	return s >= 60 ? `${Math.floor(s / 60)} 分 ${s % 60} 秒` : `${s} 秒`;
}

/** 0.456 → "45.6%"; null → "—". */
export const percent = (rate: number | null) =>
	rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;

/** Points with at most one decimal (averages). */
export const points = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** When another attempt may start: "明天 00:00" or a Beijing date and time. */
export function retryText(retryAt: number, now: number): string {
	const day = (ms: number) => shanghaiTime(ms).slice(0, 10);
	const tomorrow = day(now + 86_400_000);
	const at = shanghaiTime(retryAt);
	if (at.slice(0, 10) === tomorrow) return `明天 ${at.slice(11, 16)} 可再答`;
	return `${at.slice(0, 16)} 可再答`;
}
