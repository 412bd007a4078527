// The Q&A store in process memory (embedded mode, tests). Every method runs to completion
// without awaiting in between, which makes each one atomic, as the Redis scripts are.
import { randomBytes } from 'node:crypto';
import type { QaEvent } from '../../domain/qa/event';
import { PUBLIC_STATUSES, type QaQuestion } from '../../domain/qa/question';
import { QA_EVENT_TTL_MS, type QaBanOutcome, type QaStore, type QaVoteOutcome } from './qa-port';

interface Held {
	event: QaEvent;
	questions: Map<string, QaQuestion>;
	voters: Map<string, Set<string>>;
	/** Per participant, the questions they voted on (what a ban takes back). */
	mine: Map<string, Set<string>>;
	banned: Set<string>;
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
		const q = h?.questions.get(questionId);
		if (!h || !q) return { status: 'QA_QUESTION_NOT_FOUND', changed: false, votes: 0 };
		if (h.banned.has(participantId)) return { status: 'QA_BANNED', changed: false, votes: 0 };
		return null;
	}

	async vote(code: string, questionId: string, participantId: string): Promise<QaVoteOutcome> {
		const h = this.held(code, true);
		const refused = this.refusal(h, questionId, participantId);
		if (refused || !h) return refused!;
		const q = h.questions.get(questionId)!;
		if (!PUBLIC_STATUSES.has(q.status) || h.banned.has(q.participantId)) {
			return { status: 'QA_CANNOT_VOTE', changed: false, votes: 0 };
		}
		const voters = h.voters.get(questionId) ?? new Set<string>();
		h.voters.set(questionId, voters);
		const changed = !voters.has(participantId);
		voters.add(participantId);
		const mine = h.mine.get(participantId) ?? new Set<string>();
		h.mine.set(participantId, mine.add(questionId));
		if (changed) h.seq++;
		return { status: 'ok', changed, votes: voters.size };
	}

	async unvote(code: string, questionId: string, participantId: string): Promise<QaVoteOutcome> {
		const h = this.held(code, true);
		const refused = this.refusal(h, questionId, participantId);
		if (refused || !h) return refused!;
		const voters = h.voters.get(questionId);
		const changed = voters?.delete(participantId) ?? false;
		h.mine.get(participantId)?.delete(questionId);
		if (changed) h.seq++;
		return { status: 'ok', changed, votes: voters?.size ?? 0 };
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

	async ban(code: string, participantId: string): Promise<QaBanOutcome> {
		const h = this.held(code, true);
		if (!h || h.banned.has(participantId)) return { changed: false, votes: {} };
		h.banned.add(participantId);
		const votes: Record<string, number> = {};
		for (const id of h.mine.get(participantId) ?? []) {
			const voters = h.voters.get(id);
			if (voters?.delete(participantId)) votes[id] = voters.size;
		}
		if (Object.keys(votes).length > 0) h.seq++;
		h.mine.delete(participantId);
		return { changed: true, votes };
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
