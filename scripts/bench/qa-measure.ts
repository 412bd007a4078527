// How far the Q&A bench's changes travelled, from what its phone workers recorded: when each
// approved question reached every phone, and when each acked vote count did. Pure (no I/O), so
// that tests/bench/qa-measure.test.ts can check the arithmetic the report rests on.
import type { FrameReceipt, PhonesReport } from './qa-ipc';

export interface Approval {
	id: string;
	/** When the moderator sent the approval and when its ack came back (benchNow). */
	sentAt: number;
	at: number;
}

export interface QuestionReach {
	/** Per question: approve ack → the last phone has it (questions every phone got). */
	last: number[];
	/** The same from the approval being sent (a server may broadcast before it acks). */
	lastFromSend: number[];
	/** Every phone's receipt of every approved question, from the approve ack. */
	each: number[];
	/** Approved questions that some phone never had in a view. */
	missing: number;
}

type Reports = Pick<PhonesReport, 'firstSeen' | 'frames' | 'voteAcks'>[];

export function questionReach(
	approvals: Approval[],
	reports: Reports,
	phones: number
): QuestionReach {
	const out: QuestionReach = { last: [], lastFromSend: [], each: [], missing: 0 };
	for (const a of approvals) {
		let latest = -Infinity;
		let receipts = 0;
		for (const rep of reports) {
			for (const t of rep.firstSeen[a.id] ?? []) {
				out.each.push(t - a.at);
				latest = Math.max(latest, t);
				receipts++;
			}
		}
		if (receipts < phones) out.missing++;
		else {
			out.last.push(latest - a.at);
			out.lastFromSend.push(latest - a.sentAt);
		}
	}
	return out;
}

/** The workers' receipts of each frame as one: the last receipt anywhere, the receivers summed. */
function mergeFrames(reports: Reports): Map<number, FrameReceipt> {
	const merged = new Map<number, FrameReceipt>();
	for (const rep of reports) {
		for (const f of rep.frames) {
			const m = merged.get(f.seq);
			if (m) {
				m.lastAt = Math.max(m.lastAt, f.lastAt);
				m.receivers += f.receivers;
			} else merged.set(f.seq, { ...f });
		}
	}
	return merged;
}

/**
 * The questions whose count, as every phone ends on it (the highest-seq frame holding the
 * question, got by every phone), differs from the store's final count (`counts`, as the moderator
 * reads it). A question with votes but no frame, or whose last frame some phone missed, differs.
 */
export function phonesOffCount(
	reports: Reports,
	phones: number,
	counts: Record<string, number>
): string[] {
	const last = new Map<string, FrameReceipt>();
	for (const f of mergeFrames(reports).values()) {
		for (const id of Object.keys(f.votes)) {
			const seen = last.get(id);
			if (!seen || seen.seq < f.seq) last.set(id, f);
		}
	}
	const off: string[] = [];
	for (const [id, count] of Object.entries(counts)) {
		const f = last.get(id);
		const shown = f ? (f.receivers >= phones ? f.votes[id] : null) : 0;
		if (shown !== count) off.push(id);
	}
	return off;
}

export interface VoteReach {
	/** Per acked vote: ack → every phone shows a count at least the acked one. */
	last: number[];
	/** Acked counts that never reached every phone. */
	missing: number;
	/** Frames that some phone did not get (they prove nothing about the others). */
	framesIncomplete: number;
}

/**
 * The workers' frame receipts are merged by seq (a frame's last receipt anywhere, its receivers
 * summed); a frame every phone got shows each of its questions' counts by its last receipt. An
 * acked count c of question q has reached every phone at the earliest such time of a frame
 * showing q at c or more.
 */
export function voteReach(reports: Reports, phones: number): VoteReach {
	const merged = mergeFrames(reports);
	let framesIncomplete = 0;
	// Per question: [count, time], counts descending, each time the earliest of any count at least it.
	const byQuestion = new Map<string, [number, number][]>();
	for (const f of merged.values()) {
		if (f.receivers < phones) {
			framesIncomplete++;
			continue;
		}
		for (const [id, count] of Object.entries(f.votes)) {
			let list = byQuestion.get(id);
			if (!list) byQuestion.set(id, (list = []));
			list.push([count, f.lastAt]);
		}
	}
	for (const list of byQuestion.values()) {
		list.sort((x, y) => y[0] - x[0] || x[1] - y[1]);
		for (let i = 1; i < list.length; i++) list[i]![1] = Math.min(list[i]![1], list[i - 1]![1]);
	}
	const last: number[] = [];
	let missing = 0;
	for (const rep of reports) {
		for (const [id, count, at] of rep.voteAcks) {
			const list = byQuestion.get(id) ?? [];
			// The last entry (counts descending) whose count is still at least the acked one.
			let lo = 0;
			let hi = list.length - 1;
			let found = -1;
			while (lo <= hi) {
				const mid = (lo + hi) >> 1;
				if (list[mid]![0] >= count) {
					found = mid;
					lo = mid + 1;
				} else hi = mid - 1;
			}
			if (found < 0) missing++;
			else last.push(list[found]![1] - at);
		}
	}
	return { last, missing, framesIncomplete };
}
