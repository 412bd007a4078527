// A Q&A event: owned by an organisation, found by a short code, open or closed; the one pinned
// question (shown large on the wall) and the experts' "up next" queue are the event's, so that
// pinning one question unpins the other by construction.
import { QA_QUESTIONS_PER_EVENT, TEXT_MAX } from '../limits';
import type { QaStaffMember } from './access';
import type { QaSettings } from './settings';
import { PUBLIC_STATUSES, type QaQuestion } from './question';
import { cleanQaText } from './text';

export interface QaEvent {
	code: string;
	orgId: string;
	createdBy: string;
	title: string;
	description: string;
	startsAt: number | null;
	endsAt: number | null;
	settings: QaSettings;
	closed: boolean;
	pinnedId: string | null;
	/** Question ids in the order the experts take them. */
	upNext: string[];
	/** The poll or word cloud on show (phones and the wall), one at a time; see poll.ts. */
	pollId: string | null;
	/** The moderators and experts the hosts added (members of the organisation). */
	staff: QaStaffMember[];
	createdAt: number;
	version: number;
}

/** Letters and digits that cannot be mistaken for each other when read off a screen (no 0/O, 1/I/L). */
export const QA_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const QA_CODE_LENGTH = 6;
export const QA_CODE_PATTERN = new RegExp(`^[${QA_CODE_ALPHABET}]{${QA_CODE_LENGTH}}$`);

/** A code from `random` (a source of integers below its argument, e.g. crypto's randomInt). */
export function newQaCode(random: (below: number) => number): string {
	let code = '';
	for (let i = 0; i < QA_CODE_LENGTH; i++)
		code += QA_CODE_ALPHABET[random(QA_CODE_ALPHABET.length)];
	return code;
}

/** What a typed code becomes: upper case, spaces and dashes gone. */
export const normaliseQaCode = (raw: string): string => raw.toUpperCase().replace(/[\s-]/g, '');

export type EventChange =
	| { type: 'pin'; questionId: string | null }
	| { type: 'upNext'; questionIds: string[] }
	| { type: 'close' }
	| { type: 'reopen' }
	| { type: 'settings'; settings: QaSettings }
	| ({ type: 'details' } & QaEventDetails)
	| { type: 'staff'; staff: QaStaffMember[] };

/** What the host writes about the event: its title, description and times (epoch ms). */
export interface QaEventDetails {
	title: string;
	description: string;
	startsAt: number | null;
	endsAt: number | null;
}

/**
 * The details as the event keeps them: title and description cleaned like all text on the
 * event, the times in order. A refusal says what to fix.
 */
export function cleanEventDetails(input: {
	title: string;
	description?: string | null;
	startsAt?: number | null;
	endsAt?: number | null;
}): { ok: true; details: QaEventDetails } | { ok: false; message: string } {
	const title = cleanQaText(input.title, TEXT_MAX.title);
	if (!title.ok) return { ok: false, message: `标题需为 1–${TEXT_MAX.title} 个字符` };
	const rawDescription = input.description ?? '';
	const description =
		rawDescription === '' ? null : cleanQaText(rawDescription, TEXT_MAX.description);
	if (description && !description.ok && description.code === 'QA_TEXT_LENGTH') {
		return { ok: false, message: `简介最多 ${TEXT_MAX.description} 个字符` };
	}
	const startsAt = input.startsAt ?? null;
	const endsAt = input.endsAt ?? null;
	if (startsAt !== null && endsAt !== null && endsAt < startsAt) {
		return { ok: false, message: '结束时间不能早于开始时间' };
	}
	return {
		ok: true,
		details: {
			title: title.text,
			description: description?.ok ? description.text : '',
			startsAt,
			endsAt
		}
	};
}

export type EventChangeError = 'QA_WRONG_STATUS' | 'QA_QUESTION_NOT_FOUND' | 'BAD_REQUEST';

/**
 * Applies a change to the event. `questions` looks a question up (pin and up-next take only
 * what the audience can see).
 */
export function changeEvent(
	e: QaEvent,
	c: EventChange,
	question: (id: string) => QaQuestion | null
): { ok: true; event: QaEvent } | { ok: false; code: EventChangeError } {
	const next = { ...e, version: e.version + 1 };
	switch (c.type) {
		case 'pin': {
			if (c.questionId === null) return { ok: true, event: { ...next, pinnedId: null } };
			const q = question(c.questionId);
			if (!q) return { ok: false, code: 'QA_QUESTION_NOT_FOUND' };
			if (!PUBLIC_STATUSES.has(q.status)) return { ok: false, code: 'QA_WRONG_STATUS' };
			return { ok: true, event: { ...next, pinnedId: q.id } };
		}
		case 'upNext': {
			const ids = c.questionIds;
			if (new Set(ids).size !== ids.length || ids.length > QA_QUESTIONS_PER_EVENT.upNext) {
				return { ok: false, code: 'BAD_REQUEST' };
			}
			for (const id of ids) {
				const q = question(id);
				if (!q) return { ok: false, code: 'QA_QUESTION_NOT_FOUND' };
				if (q.status !== 'published') return { ok: false, code: 'QA_WRONG_STATUS' };
			}
			return { ok: true, event: { ...next, upNext: [...ids] } };
		}
		case 'close':
			return { ok: true, event: { ...next, closed: true } };
		case 'reopen':
			return { ok: true, event: { ...next, closed: false } };
		case 'settings':
			return { ok: true, event: { ...next, settings: c.settings } };
		case 'details': {
			const { title, description, startsAt, endsAt } = c;
			return { ok: true, event: { ...next, title, description, startsAt, endsAt } };
		}
		case 'staff':
			return { ok: true, event: { ...next, staff: c.staff } };
	}
}

/**
 * What follows a question's change for the event: a question that left the public view is no
 * longer pinned, and only published questions wait in "up next".
 */
export function afterQuestionChange(e: QaEvent, q: QaQuestion): QaEvent | null {
	const unpin = e.pinnedId === q.id && !PUBLIC_STATUSES.has(q.status);
	const dequeue = q.status !== 'published' && e.upNext.includes(q.id);
	if (!unpin && !dequeue) return null;
	return {
		...e,
		version: e.version + 1,
		pinnedId: unpin ? null : e.pinnedId,
		upNext: dequeue ? e.upNext.filter((id) => id !== q.id) : e.upNext
	};
}
