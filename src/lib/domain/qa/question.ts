// A question's life in a Q&A event:
//
//   asked ──► pending ──approve──► published ──answer──► answered
//     │          │                    │  ▲                  │
//     │          └──reject(reason)──► rejected ◄──reject────┘ (published too)
//     └─(no pre-moderation, nothing held)─► published      archive: published/answered ──► archived
//
// A question the word filter holds is pending even with pre-moderation off, and carries the terms
// that matched (moderators see them; the asker is told it is under review). Starring is a mark on
// a published or answered question; pinning is the event's (one pinned at a time, see event.ts).
// Votes are counted by the live store, not here.
import type { TextGuard } from '../text-safety';
import { QA_TEXT_MAX } from '../limits';
import { nameRequired, type QaSettings } from './settings';
import { cleanQaText } from './text';

export type QaStatus = 'pending' | 'published' | 'answered' | 'rejected' | 'archived';

export interface QaAnswer {
	text: string;
	/** Who answered, as the audience reads it ("市应急管理局 安全生产专家"); null: unnamed. */
	expert: string | null;
	at: number;
}

export interface QaQuestion {
	id: string;
	participantId: string;
	/** The asker's name; null when asked anonymously. */
	authorName: string | null;
	text: string;
	label: string | null;
	status: QaStatus;
	/** The listed terms the word filter found (folded); empty when it found none. */
	held: string[];
	rejectReason: string | null;
	starred: boolean;
	answer: QaAnswer | null;
	createdAt: number;
	updatedAt: number;
	/** Bumped on every change: the store writes a change only over the version it was made from. */
	version: number;
}

/** How a status reads on every surface (the asker's phone, the panel, the export). */
export const QA_STATUS_LABELS: Record<QaStatus, string> = {
	pending: '待审核',
	published: '已发布',
	answered: '已回答',
	rejected: '未通过',
	archived: '已归档'
};

/** What the audience can see: published and answered questions. */
export const PUBLIC_STATUSES: ReadonlySet<QaStatus> = new Set(['published', 'answered']);

export type AskError =
	| 'QA_TEXT_EMPTY'
	| 'QA_TEXT_LENGTH'
	| 'QA_NAME_REQUIRED'
	| 'QA_NAME_INVALID'
	| 'QA_ANONYMOUS_OFF'
	| 'QA_LABEL_UNKNOWN';

export interface AskInput {
	text: string;
	/** The name to ask under; null or empty: anonymously. */
	name: string | null;
	label: string | null;
}

export type AskOutcome = { ok: true; question: QaQuestion } | { ok: false; code: AskError };

/** Checks and normalises a new question, and decides whether it waits for a moderator. */
export function draftQuestion(
	input: AskInput,
	settings: QaSettings,
	guard: TextGuard,
	meta: { id: string; participantId: string; now: number }
): AskOutcome {
	const text = cleanQaText(input.text, settings.questionMaxLength);
	if (!text.ok) return text;
	// A name that normalises to nothing (blank, only invisible characters) is no name.
	let authorName: string | null = null;
	const name = input.name === null ? null : cleanQaText(input.name, QA_TEXT_MAX.askerName);
	if (name?.ok) authorName = name.text;
	else if (name?.code === 'QA_TEXT_LENGTH') return { ok: false, code: 'QA_NAME_INVALID' };
	if (authorName === null && nameRequired(settings)) {
		return { ok: false, code: settings.anonymousAllowed ? 'QA_NAME_REQUIRED' : 'QA_ANONYMOUS_OFF' };
	}
	if (input.label !== null && !settings.labels.includes(input.label)) {
		return { ok: false, code: 'QA_LABEL_UNKNOWN' };
	}
	// The name is shown beside the question, so it is checked with it.
	const check = guard.check(authorName === null ? text.text : `${authorName}\n${text.text}`);
	const held = check.ok ? [] : check.matches;
	return {
		ok: true,
		question: {
			id: meta.id,
			participantId: meta.participantId,
			authorName,
			text: text.text,
			label: input.label,
			status: held.length > 0 || settings.preModeration ? 'pending' : 'published',
			held,
			rejectReason: null,
			starred: false,
			answer: null,
			createdAt: meta.now,
			updatedAt: meta.now,
			version: 1
		}
	};
}

export type Moderation =
	| { type: 'approve' }
	| { type: 'reject'; reason: string }
	| { type: 'star'; starred: boolean }
	| { type: 'archive' }
	| { type: 'answer'; text: string; expert: string | null };

export type ModerationError = 'QA_WRONG_STATUS' | 'QA_TEXT_EMPTY' | 'QA_TEXT_LENGTH';

/** Which statuses each moderation applies to. */
const FROM: Record<Moderation['type'], ReadonlySet<QaStatus>> = {
	approve: new Set(['pending', 'rejected']),
	reject: new Set(['pending', 'published', 'answered']),
	star: new Set(['published', 'answered']),
	archive: new Set(['published', 'answered']),
	answer: new Set(['published', 'answered'])
};

export function moderate(
	q: QaQuestion,
	m: Moderation,
	now: number
): { ok: true; question: QaQuestion } | { ok: false; code: ModerationError } {
	if (!FROM[m.type].has(q.status)) return { ok: false, code: 'QA_WRONG_STATUS' };
	const next = { ...q, updatedAt: now, version: q.version + 1 };
	switch (m.type) {
		case 'approve':
			return { ok: true, question: { ...next, status: 'published', rejectReason: null } };
		case 'reject': {
			const reason = m.reason.trim() === '' ? null : cleanQaText(m.reason, QA_TEXT_MAX.reason);
			if (reason && !reason.ok) return reason;
			return {
				ok: true,
				question: {
					...next,
					status: 'rejected',
					rejectReason: reason?.text ?? null,
					starred: false
				}
			};
		}
		case 'star':
			return { ok: true, question: { ...next, starred: m.starred } };
		case 'archive':
			return { ok: true, question: { ...next, status: 'archived' } };
		case 'answer': {
			const text = cleanQaText(m.text, QA_TEXT_MAX.answer);
			if (!text.ok) return text;
			let expert: string | null = null;
			if (m.expert !== null && m.expert.trim() !== '') {
				const name = cleanQaText(m.expert, QA_TEXT_MAX.expert);
				if (!name.ok) return name;
				expert = name.text;
			}
			return {
				ok: true,
				question: { ...next, status: 'answered', answer: { text: text.text, expert, at: now } }
			};
		}
	}
}
