// Vote counts and poll results arrive from several places (whole views, batched frames) and, with
// several processes, out of order. Each count remembers the sequence it was read at, and only a
// newer one replaces it: a late frame never winds a count back.
import type { QaPollFrame, QaPublicPoll, QaVotesFrame } from '../../protocol';

interface Counted {
	id: string;
	votes: number | null;
}

export class LiveCounts {
	private readonly seqOf = new Map<string, { seq: number; votes: number }>();

	/** The view's questions with each count at its newest known value. */
	mergeView<Q extends Counted>(questions: Q[], votesSeq: number): Q[] {
		return questions.map((q) => {
			if (q.votes === null) return q;
			const known = this.seqOf.get(q.id);
			if (known && known.seq > votesSeq) return { ...q, votes: known.votes };
			this.seqOf.set(q.id, { seq: votesSeq, votes: q.votes });
			return q;
		});
	}

	/** The questions with the frame's counts applied where they are newer; null if nothing changed. */
	applyFrame<Q extends Counted>(questions: Q[], frame: QaVotesFrame): Q[] | null {
		let changed = false;
		for (const [id, votes] of Object.entries(frame.votes)) {
			const known = this.seqOf.get(id);
			if (known && known.seq >= frame.seq) continue;
			this.seqOf.set(id, { seq: frame.seq, votes });
			changed = true;
		}
		if (!changed) return null;
		return questions.map((q) => {
			const known = this.seqOf.get(q.id);
			return q.votes !== null && known && known.votes !== q.votes
				? { ...q, votes: known.votes }
				: q;
		});
	}
}

/** The poll with a frame's results, if the frame is about it and newer; else the poll unchanged. */
export function applyPollFrame<P extends Pick<QaPublicPoll, 'id' | 'seq' | 'results'>>(
	poll: P | null,
	frame: QaPollFrame
): P | null {
	if (!poll || poll.id !== frame.pollId || frame.seq <= poll.seq) return poll;
	return { ...poll, seq: frame.seq, results: frame.results };
}
