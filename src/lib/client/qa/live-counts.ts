// The seq rules for what a Q&A page shows live (the wall, the audience's phones, the panel): vote
// counts and poll results reach a page by several paths (whole views, batched frames, from several
// server processes) and may arrive out of order, so each count and each poll's results remember the
// sequence they were read at, and only something read later replaces them.
import type { QaPollFrame, QaPublicPoll, QaPublicQuestion, QaVotesFrame } from '../../protocol';

/** A question's count and the vote sequence it was read at. */
export interface SeqCount {
	votes: number;
	seq: number;
}

/** Where a page starts: no counts held. */
export const NO_COUNTS: ReadonlyMap<string, SeqCount> = new Map();

/** What a view holds of counts: the phones', the wall's and the panel's views alike. */
interface CountedView {
	questions: readonly { id: string; votes: number | null }[];
	votesSeq: number;
}

/** The counts after a whole view: each question's, unless a frame read later is already held. */
export function countsAfterView(
	held: ReadonlyMap<string, SeqCount>,
	view: CountedView
): Map<string, SeqCount> {
	const next = new Map<string, SeqCount>();
	for (const q of view.questions) {
		if (q.votes === null) continue; // the event hides counts
		const mine = held.get(q.id);
		next.set(
			q.id,
			mine && mine.seq > view.votesSeq ? mine : { votes: q.votes, seq: view.votesSeq }
		);
	}
	return next;
}

/** The counts after a frame: a question's count moves only when the frame is newer than it. */
export function countsAfterFrame(
	held: ReadonlyMap<string, SeqCount>,
	frame: QaVotesFrame
): Map<string, SeqCount> {
	const next = new Map(held);
	for (const [id, votes] of Object.entries(frame.votes)) {
		const mine = held.get(id);
		if (!mine || frame.seq > mine.seq) next.set(id, { votes, seq: frame.seq });
	}
	return next;
}

/** The questions with the newest counts, in their order. */
export function applyCounts<Q extends { id: string; votes: number | null }>(
	questions: readonly Q[],
	counts: ReadonlyMap<string, SeqCount>
): Q[] {
	return questions.map((q) => {
		const newest = counts.get(q.id)?.votes;
		return q.votes === null || newest === undefined || newest === q.votes
			? q
			: { ...q, votes: newest };
	});
}

/** The view's questions with the newest counts, most votes first (then the earlier asked). */
export function withCounts(
	questions: readonly QaPublicQuestion[],
	counts: ReadonlyMap<string, SeqCount>
): QaPublicQuestion[] {
	return applyCounts(questions, counts).sort(
		(a, b) => (b.votes ?? 0) - (a.votes ?? 0) || a.createdAt - b.createdAt
	);
}

/**
 * The poll on show after a whole view: the view's, but the results a newer frame already gave are
 * kept (the same poll, results still shown).
 */
export function pollAfterView(
	held: QaPublicPoll | null,
	next: QaPublicPoll | null
): QaPublicPoll | null {
	if (!next || !held || held.id !== next.id) return next;
	if (next.results === null || held.results === null || held.seq <= next.seq) return next;
	return { ...next, results: held.results, seq: held.seq };
}

/**
 * The poll after a results frame: applied to the poll on show, when its results are shown and the
 * frame is newer. A frame for results the view hid (the host hid them meanwhile) shows nothing.
 */
export function pollAfterFrame(held: QaPublicPoll | null, frame: QaPollFrame): QaPublicPoll | null {
	if (!held || held.id !== frame.pollId || !held.resultsVisible || frame.seq <= held.seq)
		return held;
	return { ...held, results: frame.results, seq: frame.seq };
}

/**
 * What a page holds of counts, for a page that keeps one view (the phone's, the panel's): a whole
 * view arrives with the newer counts kept, a frame is applied to the view held.
 */
export class HeldCounts {
	private counts = NO_COUNTS;

	view<Q extends { id: string; votes: number | null }, V extends CountedView & { questions: Q[] }>(
		v: V
	): V {
		this.counts = countsAfterView(this.counts, v);
		return { ...v, questions: applyCounts(v.questions, this.counts) };
	}

	/** The held view with the frame's counts; null when the frame is not about it. */
	frame<Q extends { id: string; votes: number | null }, V extends { code: string; questions: Q[] }>(
		v: V | null,
		f: QaVotesFrame
	): V | null {
		if (!v || f.code !== v.code) return null;
		this.counts = countsAfterFrame(this.counts, f);
		return { ...v, questions: applyCounts(v.questions, this.counts) };
	}
}
