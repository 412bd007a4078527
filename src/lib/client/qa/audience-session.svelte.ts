// A phone in a Q&A event: it joins once under a signed identity the server issues (kept in the
// browser's storage, so a reload or a new connection resumes as the same participant), then asks,
// votes and answers polls. Votes show at once and are put right by the ack; counts arriving from
// the server only ever move forward (live-counts.ts). Texts stay on the page.
import type {
	ErrorBody,
	QaOwnQuestion,
	QaPollResponse,
	QaPublicQuestion,
	QaPublicView
} from '../../protocol';
import { SvelteSet } from 'svelte/reactivity';
import { ServerCloseRetry } from '../reconnect';
import { isUnanswered, request, type AndaClientSocket, type Unanswered } from '../socket';
import type { TokenStore } from '../player-session.svelte';
import { HeldCounts, pollAfterFrame, pollAfterView } from './live-counts';

export type AudienceStage = 'connecting' | 'ready' | 'banned' | 'gone';

export const qaTokenKey = (code: string) => `anda.qa.${code}`;

const ENTER_RETRY_MS = 2000;
/** Refusals that no retry can change. */
const FINAL = new Set<string>(['QA_NOT_FOUND', 'BAD_REQUEST']);

export type Outcome = { ok: true } | { ok: false; error: ErrorBody };

export class AudienceSession {
	stage = $state<AudienceStage>('connecting');
	view = $state<QaPublicView | null>(null);
	/** This participant's own questions, newest first, whatever their status. */
	mine = $state<QaOwnQuestion[]>([]);
	readonly voted = new SvelteSet<string>();
	responses = $state<Record<string, QaPollResponse>>({});
	online = $state(true);
	/** Why the event cannot be opened (no such code). */
	goneError = $state<ErrorBody | null>(null);

	private readonly counts = new HeldCounts();
	private readonly retry: ServerCloseRetry;
	private participantId: string | null = null;

	constructor(
		private readonly socket: AndaClientSocket,
		private readonly code: string,
		private readonly tokens: TokenStore,
		retryDelayMs?: (n: number) => number
	) {
		this.retry = new ServerCloseRetry(
			socket,
			() => this.stage === 'banned' || this.stage === 'gone',
			retryDelayMs
		);
	}

	listen() {
		const s = this.socket;
		s.on('connect', () => {
			this.online = true;
			void this.enter();
		});
		s.on('disconnect', () => (this.online = false));
		this.retry.listen();
		s.on('qa:view', (v) => this.applyView(v));
		s.on('qa:votes', (frame) => {
			const next = this.counts.frame(this.view, frame);
			if (next) this.view = next;
		});
		s.on('qa:poll', (frame) => {
			const v = this.view;
			if (v && frame.code === v.code) this.view = { ...v, poll: pollAfterFrame(v.poll, frame) };
		});
		s.on('qa:mine', (q) => this.upsertMine(q));
		s.on('qa:banned', () => {
			this.stage = 'banned';
			this.tokens.removeItem(qaTokenKey(this.code));
		});
	}

	/** A phone waking from sleep may hold a dead connection: reconnect now. */
	wake() {
		if (!this.socket.connected) this.socket.connect();
	}

	close() {
		this.retry.stop();
		this.socket.disconnect();
	}

	get me(): string | null {
		return this.participantId;
	}

	private async enter() {
		const token = this.tokens.getItem(qaTokenKey(this.code));
		if (token) {
			const res = await request(this.socket, 'qa:resume', { code: this.code, token });
			if (res.ok) {
				this.participantId = res.participantId;
				this.mine = res.mine;
				this.voted.clear();
				for (const id of res.voted) this.voted.add(id);
				this.responses = Object.fromEntries(res.responses.map((r) => [r.pollId, r]));
				this.applyView(res.view);
				this.settled();
				return;
			}
			if (res.error.code === 'QA_BANNED') {
				this.stage = 'banned';
				return;
			}
			if (res.error.code !== 'QA_BAD_TOKEN') return this.fail(res);
			this.tokens.removeItem(qaTokenKey(this.code));
		}
		const res = await request(this.socket, 'qa:join', { code: this.code });
		if (!res.ok) return this.fail(res);
		this.tokens.setItem(qaTokenKey(this.code), res.token);
		this.participantId = res.participantId;
		this.mine = res.mine;
		this.voted.clear();
		this.responses = {};
		this.applyView(res.view);
		this.settled();
	}

	private settled() {
		this.stage = 'ready';
		this.retry.settled();
	}

	/**
	 * A request that went unanswered is tried again while the socket stays up (a dropped socket
	 * tries again on its next 'connect'); a refusal is shown, and ends the page if it is final.
	 */
	private fail(res: { ok: false; error: ErrorBody } | Unanswered) {
		if (isUnanswered(res)) {
			if (this.socket.connected) setTimeout(() => void this.enter(), ENTER_RETRY_MS);
			return;
		}
		this.goneError = res.error;
		if (FINAL.has(res.error.code) || this.stage === 'connecting') this.stage = 'gone';
	}

	private applyView(v: QaPublicView) {
		const poll = pollAfterView(this.view?.poll ?? null, v.poll);
		this.view = { ...this.counts.view(v), poll };
	}

	private upsertMine(q: QaOwnQuestion) {
		const rest = this.mine.filter((m) => m.id !== q.id);
		this.mine = [q, ...rest].sort((a, b) => b.createdAt - a.createdAt);
	}

	async ask(text: string, name: string | null, label: string | null): Promise<Outcome> {
		const res = await request(this.socket, 'qa:ask', { text, name, label });
		if (!res.ok) return { ok: false, error: res.error };
		this.upsertMine(res.question);
		return { ok: true };
	}

	/** Votes or takes the vote back; the button shows the change at once. */
	async toggleVote(q: QaPublicQuestion): Promise<Outcome> {
		const up = !this.voted.has(q.id);
		this.setVoted(q.id, up);
		const res = await request(this.socket, up ? 'qa:vote' : 'qa:unvote', { questionId: q.id });
		if (!res.ok) {
			this.setVoted(q.id, !up);
			return { ok: false, error: res.error };
		}
		return { ok: true };
	}

	private setVoted(id: string, on: boolean) {
		if (on) this.voted.add(id);
		else this.voted.delete(id);
	}

	async respond(
		pollId: string,
		answer: { choices: number[] } | { words: string[] }
	): Promise<Outcome> {
		const res = await request(this.socket, 'qa:respond', { pollId, ...answer });
		if (!res.ok) return { ok: false, error: res.error };
		this.responses = { ...this.responses, [pollId]: res.response };
		return { ok: true };
	}
}
