// The dashboard's figures beside the store's: hourly buckets summed per Beijing day, labels for
// the hours, and the completion rate. Pure, so that the chart and the tables agree.
import { shanghaiDayKey, shanghaiTime } from '$lib/domain/contest/calendar';

/** An hour of activity, as the record store counts it (HourBucket in the store's port). */
export interface HourBucket {
	hourStart: number;
	newParticipants: number;
	attemptsStarted: number;
	attemptsFinished: number;
}

export interface DaySum {
	day: string;
	newParticipants: number;
	attemptsStarted: number;
	attemptsFinished: number;
}

export function perDay(hours: readonly HourBucket[]): DaySum[] {
	const days = new Map<string, DaySum>();
	for (const h of hours) {
		const day = shanghaiDayKey(h.hourStart);
		const d = days.get(day) ?? { day, newParticipants: 0, attemptsStarted: 0, attemptsFinished: 0 };
		d.newParticipants += h.newParticipants;
		d.attemptsStarted += h.attemptsStarted;
		d.attemptsFinished += h.attemptsFinished;
		days.set(day, d);
	}
	return [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
}

/** "06-16 14时": an hour as the chart's axis shows it (Beijing time). */
export const hourLabel = (t: number): string => `${shanghaiTime(t).slice(5, 13)}时`;

/** Finished / started as a whole percent; null before anyone started. */
export function completion(started: number, finished: number): number | null {
	return started > 0 ? Math.round((finished / started) * 100) : null;
}

/** A rate (0..1 or more) as "45.5%"; empty when unknown. */
export function pct(rate: number | null): string {
	return rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`;
}
