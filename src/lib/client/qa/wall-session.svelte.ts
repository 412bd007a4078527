// A Q&A wall (big screen, OBS overlay) watching one event: every (re)connection watches again,
// a server's own disconnect is followed by a reconnection, and vote counts and poll results follow
// the seq rules (live-counts.ts) whatever order views and frames arrive in. An event that
// vanished while it was shown (a restarted server without a shared store) is said to be gone.
import type { ErrorBody, QaPublicPoll, QaPublicQuestion, QaPublicView } from '../../protocol';
import {
	countsAfterFrame,
	countsAfterView,
	NO_COUNTS,
	pollAfterFrame,
	pollAfterView,
	withCounts,
	type SeqCount
} from './live-counts';
import { ServerCloseRetry } from '../reconnect';
import { isUnanswered, request, type AndaClientSocket } from '../socket';

export class QaWallSession {
	view = $state<QaPublicView | null>(null);
	/** The poll on show, with its newest results. */
	poll = $state<QaPublicPoll | null>(null);
	/** Why the wall cannot show the event (no such code, too many requests…). */
	error = $state<ErrorBody | null>(null);
	/** The event this wall was showing no longer exists. */
	lost = $state(false);
	/** The connection is down (the wall keeps what it showed and says it is reconnecting). */
	offline = $state(false);

	// Replaced whole at every view and frame (never changed in place): raw state.
	private counts = $state.raw<ReadonlyMap<string, SeqCount>>(NO_COUNTS);
	private readonly retry: ServerCloseRetry;
	private readonly refusedDelayMs: () => number;
	private refusedTimer: ReturnType<typeof setTimeout> | null = null;

	constructor(
		private readonly socket: AndaClientSocket,
		private readonly code: string,
		opts: {
			retryDelayMs?: (n: number) => number;
			/** Before watching again after a refusal that may pass (too many look-ups, a fault). */
			refusedDelayMs?: () => number;
		} = {}
	) {
		this.retry = new ServerCloseRetry(socket, () => this.lost, opts.retryDelayMs);
		this.refusedDelayMs = opts.refusedDelayMs ?? (() => 5000 + Math.random() * 5000);
	}

	/** The published and answered questions, most votes first, with the newest counts. */
	readonly questions: QaPublicQuestion[] = $derived(
		this.view ? withCounts(this.view.questions, this.counts) : []
	);

	/** The question pinned to the wall, if any. */
	readonly pinned: QaPublicQuestion | null = $derived(
		this.questions.find((q) => q.id === this.view?.pinnedId) ?? null
	);

	/** The `n` questions with the most votes, the pinned one left out (it is shown already). */
	top(n: number): QaPublicQuestion[] {
		return this.questions.filter((q) => q.id !== this.view?.pinnedId).slice(0, n);
	}

	listen() {
		this.socket.on('connect', () => void this.watch());
		this.socket.on('disconnect', () => (this.offline = true));
		this.socket.on('qa:view', this.applyView);
		this.socket.on('qa:votes', (f) => {
			if (f.code === this.view?.code) this.counts = countsAfterFrame(this.counts, f);
		});
		this.socket.on('qa:poll', (f) => {
			if (f.code === this.view?.code) this.poll = pollAfterFrame(this.poll, f);
		});
		this.retry.listen();
	}

	private applyView = (v: QaPublicView) => {
		if (this.view && v.code !== this.view.code) return;
		this.counts = countsAfterView(this.counts, v);
		this.poll = pollAfterView(this.poll, v.poll);
		this.view = v;
	};

	private async watch() {
		const res = await request(this.socket, 'qa:watch', { code: this.code });
		if (isUnanswered(res)) return; // the connection dropped again; the next one watches
		if (!res.ok) {
			// A wall keeps no credential: only what it has shown says the event existed. An unknown
			// code is final (watching again would only spend the network's look-ups).
			if (res.error.code === 'QA_NOT_FOUND') {
				if (this.view) this.lost = true;
				else this.error = res.error;
				return;
			}
			// Too many look-ups from this network, or a fault: a wall is left running unattended, so
			// it tries again by itself (what it showed stays on screen meanwhile).
			this.error = res.error;
			this.clearRefused();
			this.refusedTimer = setTimeout(() => {
				this.refusedTimer = null;
				if (this.socket.connected) void this.watch();
			}, this.refusedDelayMs());
			return;
		}
		this.retry.settled();
		this.error = null;
		this.offline = false;
		this.applyView(res.view);
	}

	private clearRefused() {
		if (this.refusedTimer) clearTimeout(this.refusedTimer);
		this.refusedTimer = null;
	}

	close() {
		this.clearRefused();
		this.retry.stop();
		this.socket.disconnect();
	}
}
