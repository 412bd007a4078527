// The views of an event: what the audience sees (published and answered questions by people not
// banned, vote counts only if the event shows them) and what its moderators see (everything).
import { publicQuestions } from '../../domain/qa/listing';
import type { QaEvent } from '../../domain/qa/event';
import { pollResults, type QaPoll, type QaPollTally } from '../../domain/qa/poll';
import type { QaQuestion } from '../../domain/qa/question';
import type {
	QaModeratorPoll,
	QaModeratorQuestion,
	QaModeratorView,
	QaOwnQuestion,
	QaPublicPoll,
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
	polls: QaPoll[];
	/** The tallies read with the polls: the one on show's at least, every poll's for moderators. */
	tallies: Record<string, QaPollTally>;
}

const NO_TALLY: QaPollTally = { seq: 0, respondents: 0, counts: {} };

/** The poll as the audience and the wall see it: results only while the host shows them. */
export function publicPoll(p: QaPoll, tally: QaPollTally): QaPublicPoll {
	return {
		id: p.id,
		kind: p.kind,
		question: p.question,
		options: p.options,
		maxChoices: p.maxChoices,
		open: p.open,
		resultsVisible: p.resultsVisible,
		results: p.resultsVisible ? pollResults(p, tally) : null,
		seq: tally.seq
	};
}

export function moderatorPoll(p: QaPoll, tally: QaPollTally, onShow: boolean): QaModeratorPoll {
	return {
		...publicPoll(p, tally),
		results: pollResults(p, tally),
		onShow,
		createdAt: p.createdAt
	};
}

/** The poll on show, if it still exists. */
export function shownPoll(s: Pick<EventSnapshot, 'event' | 'polls'>): QaPoll | null {
	const id = s.event.pollId ?? null;
	return id === null ? null : (s.polls.find((p) => p.id === id) ?? null);
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
	const poll = shownPoll(s);
	return {
		...h,
		// A pinned or queued question that left the public view is not named to the audience.
		pinnedId: h.pinnedId !== null && visible.has(h.pinnedId) ? h.pinnedId : null,
		upNext: h.upNext.filter((id) => visible.has(id)),
		settings: s.event.settings,
		poll: poll ? publicPoll(poll, s.tallies[poll.id] ?? NO_TALLY) : null,
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
		polls: [...s.polls]
			.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1))
			.map((p) => moderatorPoll(p, s.tallies[p.id] ?? NO_TALLY, p.id === s.event.pollId))
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
