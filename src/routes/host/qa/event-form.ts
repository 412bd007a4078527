// The event form's fields → the service's input. Times are typed as the organisers read them, in
// China Standard Time (UTC+8, no daylight saving), whatever the server's own zone is; labels are
// typed one per line or separated by commas. Limits and texts are checked by the service and the
// settings schema; this only reads the form.
import type { CreateEventInput } from '$lib/server/qa/qa-service';

const CST_OFFSET_MS = 8 * 3600_000;

/** "2026-06-16T09:30" (China Standard Time) → epoch ms; empty → null; anything else → NaN. */
export function cstToEpoch(raw: string): number | null {
	const v = raw.trim();
	if (v === '') return null;
	const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(v);
	if (!m) return NaN;
	const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
	return Date.UTC(y, mo - 1, d, h, mi) - CST_OFFSET_MS;
}

/** The other way, for filling the form back in. */
export function epochToCst(t: number | null): string {
	if (t === null) return '';
	return new Date(t + CST_OFFSET_MS).toISOString().slice(0, 16);
}

export const splitLabels = (raw: string): string[] =>
	raw
		.split(/[\n,，、]/)
		.map((l) => l.trim())
		.filter((l) => l !== '');

export interface EventFormValues {
	title: string;
	description: string;
	startsAt: string;
	endsAt: string;
	labels: string;
	questionMaxLength: string;
	preModeration: boolean;
	anonymousAllowed: boolean;
	namesRequired: boolean;
	showVoteCounts: boolean;
}

export function formValues(form: FormData): EventFormValues {
	const text = (k: string) => String(form.get(k) ?? '');
	const on = (k: string) => form.get(k) === 'on';
	return {
		title: text('title'),
		description: text('description'),
		startsAt: text('startsAt'),
		endsAt: text('endsAt'),
		labels: text('labels'),
		questionMaxLength: text('questionMaxLength'),
		preModeration: on('preModeration'),
		anonymousAllowed: on('anonymousAllowed'),
		namesRequired: on('namesRequired'),
		showVoteCounts: on('showVoteCounts')
	};
}

export function eventInput(
	v: EventFormValues
): { ok: true; input: CreateEventInput } | { ok: false; message: string } {
	const startsAt = cstToEpoch(v.startsAt);
	const endsAt = cstToEpoch(v.endsAt);
	if (Number.isNaN(startsAt) || Number.isNaN(endsAt)) {
		return { ok: false, message: '时间格式不对，请用日期时间选择器填写' };
	}
	if (startsAt !== null && endsAt !== null && endsAt <= startsAt) {
		return { ok: false, message: '结束时间需晚于开始时间' };
	}
	const max = Number(v.questionMaxLength);
	if (!Number.isInteger(max)) return { ok: false, message: '问题字数上限需为整数' };
	return {
		ok: true,
		input: {
			title: v.title,
			description: v.description,
			startsAt,
			endsAt,
			settings: {
				preModeration: v.preModeration,
				anonymousAllowed: v.anonymousAllowed,
				namesRequired: v.namesRequired,
				showVoteCounts: v.showVoteCounts,
				questionMaxLength: max,
				labels: splitLabels(v.labels)
			}
		}
	};
}
