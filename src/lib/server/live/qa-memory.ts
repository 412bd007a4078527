// The Q&A store in process memory (embedded mode, tests). Every method runs to completion
// without awaiting in between, which makes each one atomic, as the Redis scripts are.
import { randomBytes } from 'node:crypto';
import type { QaEvent } from '../../domain/qa/event';
import {
	answerKeys,
	answerRefusal,
	mayDelete,
	type QaPoll,
	type QaPollAnswer,
	type QaPollTally
} from '../../domain/qa/poll';
import { PUBLIC_STATUSES, type QaQuestion } from '../../domain/qa/question';
import {
	QA_EVENT_TTL_MS,
	type QaBanOutcome,
	type QaRespondOutcome,
	type QaStore,
	type QaVoteOutcome,
	type QaVoteStatus
} from './qa-port';

/** A poll with what its participants answered and the counts that follow from it. */
interface HeldPoll {
	poll: QaPoll;
	answers: Map<string, QaPollAnswer>;
	counts: Map<string, number>;
	seq: number;
}

/** A vote that changed nothing, and why. */
const refusedVote = (h: Held, status: QaVoteStatus): QaVoteOutcome => ({
	status,
	changed: false,
	votes: 0,
	showCounts: h.event.settings.showVoteCounts
});

interface Held {
	event: QaEvent;
	questions: Map<string, QaQuestion>;
	voters: Map<string, Set<string>>;
	/** Per participant, the questions they voted on (what a ban takes back). */
	mine: Map<string, Set<string>>;
	banned: Set<string>;
	polls: Map<string, HeldPoll>;
	/** Grows with every change of a count (see QaStore.voteTally). */
	seq: number;
	until: number;
}

const clone = <T>(v: T): T => structuredClone(v);

export class MemoryQaStore implements QaStore {
	readonly kind = 'memory' as const;
	private readonly events = new Map<string, Held>();
	private secret: string | null = null;

	constructor(private readonly now: () => number = Date.now) {}

	/** The event if it has not expired; a write keeps it alive for another lifetime. */
	private held(code: string, touch = false): Held | null {
		const h = this.events.get(code);
		if (!h) return null;
		if (h.until <= this.now()) {
			this.events.delete(code);
			return null;
		}
		if (touch) h.until = this.now() + QA_EVENT_TTL_MS;
		return h;
	}

	async createEvent(event: QaEvent) {
		if (this.held(event.code)) return false;
		this.events.set(event.code, {
			event: clone(event),
			questions: new Map(),
			voters: new Map(),
			mine: new Map(),
			banned: new Set(),
			polls: new Map(),
			seq: 0,
			until: this.now() + QA_EVENT_TTL_MS
		});
		return true;
	}

	async getEvent(code: string) {
		const h = this.held(code);
		return h ? clone(h.event) : null;
	}

	async casEvent(code: string, expected: number, next: QaEvent) {
		const h = this.held(code, true);
		if (!h || h.event.version !== expected) return false;
		h.event = clone(next);
		return true;
	}

	async addQuestion(code: string, question: QaQuestion, max: number) {
		const h = this.held(code, true);
		if (!h || h.questions.size >= max || h.questions.has(question.id)) return false;
		h.questions.set(question.id, clone(question));
		return true;
	}

	async getQuestion(code: string, id: string) {
		const q = this.held(code)?.questions.get(id);
		return q ? clone(q) : null;
	}

	async listQuestions(code: string) {
		return [...(this.held(code)?.questions.values() ?? [])].map(clone);
	}

	async casQuestion(code: string, expected: number, next: QaQuestion) {
		const h = this.held(code, true);
		const q = h?.questions.get(next.id);
		if (!h || !q || q.version !== expected) return false;
		h.questions.set(next.id, clone(next));
		return true;
	}

	private refusal(h: Held | null, questionId: string, participantId: string): QaVoteOutcome | null {
		if (!h) return { status: 'QA_NOT_FOUND', changed: false, votes: 0, showCounts: true };
		if (h.event.closed) return refusedVote(h, 'QA_CLOSED');
		if (!h.questions.has(questionId)) return refusedVote(h, 'QA_QUESTION_NOT_FOUND');
		if (h.banned.has(participantId)) return refusedVote(h, 'QA_BANNED');
		return null;
	}

	async vote(code: string, questionId: string, participantId: string): Promise<QaVoteOutcome> {
		const h = this.held(code, true);
		const refused = this.refusal(h, questionId, participantId);
		if (refused || !h) return refused!;
		const q = h.questions.get(questionId)!;
		if (!PUBLIC_STATUSES.has(q.status) || h.banned.has(q.participantId)) {
			return refusedVote(h, 'QA_CANNOT_VOTE');
		}
		const voters = h.voters.get(questionId) ?? new Set<string>();
		h.voters.set(questionId, voters);
		const changed = !voters.has(participantId);
		voters.add(participantId);
		const mine = h.mine.get(participantId) ?? new Set<string>();
		h.mine.set(participantId, mine.add(questionId));
		if (changed) h.seq++;
		return {
			status: 'ok',
			changed,
			votes: voters.size,
			showCounts: h.event.settings.showVoteCounts
		};
	}

	async unvote(code: string, questionId: string, participantId: string): Promise<QaVoteOutcome> {
		const h = this.held(code, true);
		const refused = this.refusal(h, questionId, participantId);
		if (refused || !h) return refused!;
		const voters = h.voters.get(questionId);
		const changed = voters?.delete(participantId) ?? false;
		h.mine.get(participantId)?.delete(questionId);
		if (changed) h.seq++;
		const votes = voters?.size ?? 0;
		return { status: 'ok', changed, votes, showCounts: h.event.settings.showVoteCounts };
	}

	async voteCounts(code: string) {
		const out: Record<string, number> = {};
		for (const [id, voters] of this.held(code)?.voters ?? [])
			if (voters.size > 0) out[id] = voters.size;
		return out;
	}

	async voteTally(code: string) {
		return { seq: this.held(code)?.seq ?? 0, votes: await this.voteCounts(code) };
	}

	async votedBy(code: string, participantId: string) {
		return [...(this.held(code)?.mine.get(participantId) ?? [])];
	}

	async addPoll(code: string, poll: QaPoll, max: number) {
		const h = this.held(code, true);
		if (!h || h.polls.size >= max || h.polls.has(poll.id)) return false;
		h.polls.set(poll.id, { poll: clone(poll), answers: new Map(), counts: new Map(), seq: 0 });
		return true;
	}

	async getPoll(code: string, id: string) {
		const p = this.held(code)?.polls.get(id);
		return p ? clone(p.poll) : null;
	}

	async listPolls(code: string) {
		return [...(this.held(code)?.polls.values() ?? [])].map((p) => clone(p.poll));
	}

	async casPoll(code: string, expected: number, next: QaPoll) {
		const p = this.held(code, true)?.polls.get(next.id);
		if (!p || p.poll.version !== expected) return false;
		p.poll = clone(next);
		return true;
	}

	async deletePoll(code: string, id: string) {
		const h = this.held(code, true);
		if (!h || !h.polls.has(id)) return 'QA_POLL_NOT_FOUND' as const;
		if (!mayDelete(h.event, id)) return 'QA_POLL_ON_SHOW' as const;
		h.polls.delete(id);
		return 'ok' as const;
	}

	/** Takes one answer out of (-1) or into (+1) a poll's counts. */
	private count(p: HeldPoll, answer: QaPollAnswer, by: 1 | -1): void {
		for (const key of answerKeys(answer)) {
			const n = (p.counts.get(key) ?? 0) + by;
			if (n > 0) p.counts.set(key, n);
			else p.counts.delete(key);
		}
	}

	async respond(
		code: string,
		pollId: string,
		participantId: string,
		answer: QaPollAnswer
	): Promise<QaRespondOutcome> {
		const refused = (status: QaRespondOutcome['status']): QaRespondOutcome => ({
			status,
			changed: false,
			seq: 0,
			respondents: 0
		});
		const h = this.held(code, true);
		if (!h) return refused('QA_NOT_FOUND');
		const p = h.polls.get(pollId);
		if (!p) return refused('QA_POLL_NOT_FOUND');
		const closed = answerRefusal(h.event, p.poll);
		if (closed) return refused(closed);
		if (h.banned.has(participantId)) return refused('QA_BANNED');
		const before = p.answers.get(participantId);
		const changed = !before || JSON.stringify(before) !== JSON.stringify(answer);
		if (changed) {
			if (before) this.count(p, before, -1);
			this.count(p, answer, 1);
			p.answers.set(participantId, clone(answer));
			p.seq++;
		}
		return { status: 'ok', changed, seq: p.seq, respondents: p.answers.size };
	}

	async pollTally(code: string, pollId: string): Promise<QaPollTally> {
		const p = this.held(code)?.polls.get(pollId);
		if (!p) return { seq: 0, respondents: 0, counts: {} };
		return { seq: p.seq, respondents: p.answers.size, counts: Object.fromEntries(p.counts) };
	}

	async responsesOf(code: string, participantId: string) {
		const out: Record<string, QaPollAnswer> = {};
		for (const [id, p] of this.held(code)?.polls ?? []) {
			const a = p.answers.get(participantId);
			if (a) out[id] = clone(a);
		}
		return out;
	}

	async ban(code: string, participantId: string): Promise<QaBanOutcome> {
		const h = this.held(code, true);
		if (!h || h.banned.has(participantId)) return { changed: false, votes: {}, polls: [] };
		h.banned.add(participantId);
		const votes: Record<string, number> = {};
		for (const id of h.mine.get(participantId) ?? []) {
			const voters = h.voters.get(id);
			if (voters?.delete(participantId)) votes[id] = voters.size;
		}
		if (Object.keys(votes).length > 0) h.seq++;
		h.mine.delete(participantId);
		const polls: string[] = [];
		for (const [id, p] of h.polls) {
			const a = p.answers.get(participantId);
			if (!a) continue;
			this.count(p, a, -1);
			p.answers.delete(participantId);
			p.seq++;
			polls.push(id);
		}
		return { changed: true, votes, polls };
	}

	async banned(code: string) {
		return [...(this.held(code)?.banned ?? [])];
	}

	async deleteEvent(code: string) {
		this.events.delete(code);
	}

	async identitySecret() {
		this.secret ??= randomBytes(32).toString('base64url');
		return this.secret;
	}

	async ping() {}

	async close() {
		this.events.clear();
	}
}
