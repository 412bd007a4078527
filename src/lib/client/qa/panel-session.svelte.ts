// A moderator's or expert's panel on one Q&A event: attach with the session cookie, keep the
// moderator view (every question, its votes, the polls) up to date, and send the panel's
// commands. Each command's refusal comes back as an error body for the page to show.
import type { ErrorBody, QaModeratorPoll, QaModeratorView, QaClientEvents } from '../../protocol';
import { mayDo, type QaAction, type QaPanelRole } from '../../domain/qa/access';
import { ServerCloseRetry } from '../reconnect';
import { isUnanswered, request, type AndaClientSocket } from '../socket';
import { HeldCounts } from './live-counts';

type Payload<E extends keyof QaClientEvents> = Parameters<QaClientEvents[E]>[0];
export type PanelOutcome = { ok: true } | { ok: false; error: ErrorBody };

export class PanelSession {
	view = $state<QaModeratorView | null>(null);
	online = $state(true);
	/** Why the panel cannot be opened (not allowed, no such event). */
	denied = $state<ErrorBody | null>(null);
	/** The session ended (signed out here or elsewhere). */
	signedOut = $state(false);
	/** This user's role on the panel, and how they are named on answers (staff experts). */
	role = $state<QaPanelRole | null>(null);
	title = $state<string | null>(null);
	/** The last refusal of a command, for the page's notice. */
	lastError = $state<ErrorBody | null>(null);

	private readonly counts = new HeldCounts();
	private readonly retry: ServerCloseRetry;

	constructor(
		private readonly socket: AndaClientSocket,
		private readonly code: string,
		retryDelayMs?: (n: number) => number
	) {
		this.retry = new ServerCloseRetry(
			socket,
			() => this.signedOut || this.denied !== null,
			retryDelayMs
		);
	}

	listen() {
		const s = this.socket;
		s.on('connect', () => {
			this.online = true;
			void this.attach();
		});
		s.on('disconnect', () => (this.online = false));
		s.on('session:ended', () => (this.signedOut = true));
		this.retry.listen();
		s.on('qa:moderator', (v) => this.applyView(v));
		s.on('qa:votes', (frame) => {
			const next = this.counts.frame(this.view, frame);
			if (next) this.view = next;
		});
		s.on('qa:poll', (frame) => {
			const v = this.view;
			if (!v || frame.code !== v.code) return;
			this.view = {
				...v,
				polls: v.polls.map((p) =>
					p.id === frame.pollId && frame.seq > p.seq
						? { ...p, seq: frame.seq, results: frame.results }
						: p
				)
			};
		});
	}

	close() {
		this.retry.stop();
		this.socket.disconnect();
	}

	private async attach() {
		const res = await request(this.socket, 'qa:attach', { code: this.code });
		if (!res.ok) {
			// Unanswered: tried again (a dropped socket attaches at its next 'connect'); a refusal is final.
			if (!isUnanswered(res)) this.denied = res.error;
			else if (this.socket.connected) setTimeout(() => void this.attach(), 2000);
			return;
		}
		this.denied = null;
		this.role = res.role;
		this.title = res.title;
		this.applyView(res.view);
		this.retry.settled();
	}

	private applyView(v: QaModeratorView) {
		this.view = this.counts.view(v);
	}

	/** Keeps a command's refusal for the page; a command answered with the view applies it. */
	private done(res: { ok: true; view?: QaModeratorView } | { ok: false; error: ErrorBody }) {
		if (!res.ok) {
			this.lastError = res.error;
			return { ok: false, error: res.error } as const;
		}
		this.lastError = null;
		if (res.view) this.applyView(res.view);
		return { ok: true } as const;
	}

	async moderate(p: Payload<'qa:moderate'>): Promise<PanelOutcome> {
		return this.done(await request(this.socket, 'qa:moderate', p));
	}

	async command(p: Payload<'qa:event'>): Promise<PanelOutcome> {
		return this.done(await request(this.socket, 'qa:event', p));
	}

	async ban(participantId: string): Promise<PanelOutcome> {
		return this.done(await request(this.socket, 'qa:ban', { participantId }));
	}

	async poll(p: Payload<'qa:poll'>): Promise<PanelOutcome> {
		return this.done(await request(this.socket, 'qa:poll', p));
	}

	async staff(p: Payload<'qa:staff'>): Promise<PanelOutcome> {
		return this.done(await request(this.socket, 'qa:staff', p));
	}

	/** Whether this user's role may do `action` (the server decides again; this hides the button). */
	may(action: QaAction): boolean {
		return this.role !== null && mayDo(this.role, action);
	}

	get polls(): QaModeratorPoll[] {
		return this.view?.polls ?? [];
	}
}
