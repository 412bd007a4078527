// What the record store keeps of a Q&A event and what the organisation's event list shows: the
// counts read off a moderator view, and a list entry made from the catalogue row and, while the
// event runs, its live state.
import type { QaModeratorView } from '../../protocol';
import type { QaEventCounts, QaEventRecord } from '../records/qa/port';

/**
 * The counts of an event as its moderators see it. Voters are not counted: the view holds each
 * question's count, not who voted, and a union of every question's voters is not cheap in Redis;
 * askers are the participants who asked at least one question.
 */
export function viewCounts(view: QaModeratorView): QaEventCounts {
	let votes = 0;
	let answered = 0;
	const askers = new Set<string>();
	for (const q of view.questions) {
		votes += q.votes;
		if (q.status === 'answered') answered++;
		askers.add(q.participantId);
	}
	return {
		questions: view.questions.length,
		answered,
		votes,
		askers: askers.size,
		polls: view.polls.length
	};
}

/** An event in its organisation's list. */
export interface QaEventListing {
	code: string;
	title: string;
	createdBy: string;
	createdAt: number;
	startsAt: number | null;
	endsAt: number | null;
	closed: boolean;
	/** When it was last closed (null while open). */
	closedAt: number | null;
	/** Live counts while open, archived counts once closed. */
	counts: QaEventCounts;
	/** Its live state is still held: it can be reopened and its panel attached. */
	live: boolean;
	/** A snapshot is kept: it can be exported after its live state is freed. */
	archived: boolean;
}

export function listing(
	r: QaEventRecord,
	state: { closed: boolean; counts: QaEventCounts; live: boolean }
): QaEventListing {
	return {
		code: r.code,
		title: r.title,
		createdBy: r.createdBy,
		createdAt: r.createdAt,
		startsAt: r.startsAt,
		endsAt: r.endsAt,
		closed: state.closed,
		closedAt: state.closed ? r.closedAt : null,
		counts: state.counts,
		live: state.live,
		archived: r.archived
	};
}
