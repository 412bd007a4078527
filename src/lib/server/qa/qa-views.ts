// The views of an event: what the audience sees (published and answered questions by people not
// banned, vote counts only if the event shows them) and what its moderators see (everything).
import { publicQuestions } from '../../domain/qa/listing';
import type { QaEvent } from '../../domain/qa/event';
import type { QaQuestion } from '../../domain/qa/question';
import type {
	QaModeratorQuestion,
	QaModeratorView,
	QaOwnQuestion,
	QaPublicQuestion,
	QaPublicView,
	QaStaffView
} from '../../protocol';

export interface EventSnapshot {
	event: QaEvent;
	questions: QaQuestion[];
	votes: Record<string, number>;
	votesSeq: number;
	banned: string[];
}

function header(e: QaEvent, votesSeq: number) {
	return {
		votesSeq,
		code: e.code,
		title: e.title,
		description: e.description,
		startsAt: e.startsAt,
		endsAt: e.endsAt,
		closed: e.closed,
		pinnedId: e.pinnedId,
		upNext: e.upNext
	};
}

export function publicView(s: EventSnapshot): QaPublicView {
	const banned = new Set(s.banned);
	const count = (id: string) => s.votes[id] ?? 0;
	const shown = publicQuestions(s.questions, count, { sort: 'popular', label: null, banned });
	const visible = new Set(shown.map((q) => q.id));
	const h = header(s.event, s.votesSeq);
	return {
		...h,
		// A pinned or queued question that left the public view is not named to the audience.
		pinnedId: h.pinnedId !== null && visible.has(h.pinnedId) ? h.pinnedId : null,
		upNext: h.upNext.filter((id) => visible.has(id)),
		settings: s.event.settings,
		poll: null, // polls: being built
		questions: shown.map((q): QaPublicQuestion => ({
			id: q.id,
			text: q.text,
			authorName: q.authorName,
			label: q.label,
			status: q.status as QaPublicQuestion['status'],
			votes: s.event.settings.showVoteCounts ? count(q.id) : null,
			starred: q.starred,
			answer: q.answer,
			createdAt: q.createdAt
		}))
	};
}

/** `staff`: the event's staff with their accounts' names (the caller reads them). */
export function moderatorView(s: EventSnapshot, staff: QaStaffView[]): QaModeratorView {
	const banned = new Set(s.banned);
	const questions = [...s.questions]
		.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1))
		.map((q): QaModeratorQuestion => ({
			...q,
			votes: s.votes[q.id] ?? 0,
			authorBanned: banned.has(q.participantId)
		}));
	return {
		...header(s.event, s.votesSeq),
		orgId: s.event.orgId,
		settings: s.event.settings,
		staff,
		questions,
		banned: [...s.banned],
		polls: [] // polls: being built
	};
}

export function moderatorQuestion(
	q: QaQuestion,
	votes: number,
	banned: boolean
): QaModeratorQuestion {
	return { ...q, votes, authorBanned: banned };
}

export function ownQuestion(q: QaQuestion): QaOwnQuestion {
	return {
		id: q.id,
		text: q.text,
		label: q.label,
		status: q.status,
		held: q.held.length > 0,
		rejectReason: q.rejectReason,
		answer: q.answer,
		createdAt: q.createdAt
	};
}
