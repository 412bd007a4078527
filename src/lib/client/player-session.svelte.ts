// A player's session in one room: join with a nickname, resume with the stored token after a
// reload or a reconnection, and answer; an answer tapped while offline (or while the server is
// shutting down) waits and is sent once the socket is back. Every disconnect is followed by a
// reconnection except a kick. The state is plain data for the page to draw; texts stay on the
// page, so outcomes come as error bodies and kinds, never as sentences.
import type { Phase } from '../domain/room';
import type { AnswerPayload, ErrorBody, PlayerResult, PlayerSelf, RoomView } from '../protocol';
import { Countdown } from './countdown.svelte';
import { playerTokenKey } from './host-secret';
import { ServerCloseRetry } from './reconnect';
import { roomLoss, type RoomLoss } from './room-status';
import { isUnanswered, request, type AndaClientSocket } from './socket';

export type PlayerStage = 'connecting' | 'nickname' | 'playing' | 'kicked' | 'gone';

/** Where a joining player sits: a team picked, the audience, or the roster's (by employee number). */
export type JoinPick = { teamId: string } | { audience: true } | { employeeNo: string };

/** An answer for one question, as sent to the server. */
export interface AnswerItem {
	index: number;
	answer: AnswerPayload['answer'];
}

/** What the page says under the answer: waiting to be sent, or refused (and why). */
export type AnswerNote = { kind: 'queued' } | { kind: 'notCounted'; error: ErrorBody };

/** Where the token lives: the browser's localStorage, or a map in tests. */
export type TokenStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface PlayerSessionOptions {
	/** Pause before reconnecting after the server's own disconnect (tests pass 0). */
	retryDelayMs?: (n: number) => number;
}

export class PlayerSession {
	stage = $state<PlayerStage>('connecting');
	view = $state<RoomView | null>(null);
	self = $state<PlayerSelf | null>(null);
	result = $state<PlayerResult | null>(null);
	online = $state(true);
	joining = $state(false);
	/** Why joining failed (shown under the nickname field). */
	joinError = $state<ErrorBody | null>(null);
	/** Why the room cannot be played (no such room, or it has ended). */
	goneError = $state<ErrorBody | null>(null);
	/** The room this browser was in no longer exists (the server restarted, or it closed). */
	lost = $state<RoomLoss | null>(null);
	/** The server said it is shutting down: requests wait for the reconnection. */
	draining = $state(false);

	/** Choices ticked but not yet sent (multiple choice), and the fill-in text being typed. */
	picked = $state<number[]>([]);
	text = $state('');
	/** The answer the server acknowledged for the current question. */
	sent = $state<AnswerItem | null>(null);
	/** The answer on its way (or waiting for the connection). */
	pending = $state<AnswerItem | null>(null);
	note = $state<AnswerNote | null>(null);

	readonly countdown = new Countdown();
	private readonly socket: AndaClientSocket;
	private readonly pin: string;
	private readonly tokens: TokenStore;
	private readonly tokenKey: string;
	private readonly retry: ServerCloseRetry;
	/** The last phase this page saw the room in (null: never saw it). */
	private lastPhase: Phase | null = null;
	/** The answer whose request is on its way, so that a reconnection does not send it twice. */
	private sending: AnswerItem | null = null;

	constructor(
		socket: AndaClientSocket,
		pin: string,
		tokens: TokenStore,
		opts: PlayerSessionOptions = {}
	) {
		this.socket = socket;
		this.pin = pin;
		this.tokens = tokens;
		this.tokenKey = playerTokenKey(pin);
		// Kicked, or the room is gone: reconnecting could change nothing.
		this.retry = new ServerCloseRetry(
			socket,
			() => this.stage === 'kicked' || this.stage === 'gone',
			opts.retryDelayMs
		);
	}

	/** The choices to show as chosen: the sent answer's, the pending one's, or those ticked. */
	get myChoices(): number[] {
		for (const item of [this.sent, this.pending]) {
			if (item && 'choices' in item.answer) return item.answer.choices;
		}
		return this.picked;
	}

	/** Whether the answer controls take no input now. */
	get locked(): boolean {
		return !!this.pending || !!this.view?.paused;
	}

	/** Subscribes to the socket; every (re)connection resumes with the stored token, if any. */
	listen() {
		const s = this.socket;
		s.on('connect', () => {
			this.online = true;
			this.draining = false;
			const token = this.tokens.getItem(this.tokenKey);
			if (token) void this.resume(token);
			else if (this.stage === 'connecting') this.stage = 'nickname';
		});
		s.on('disconnect', () => (this.online = false));
		s.on('server:draining', () => (this.draining = true));
		this.retry.listen();
		s.on('room:view', (v, mine) => {
			this.applyView(v);
			if (mine) this.applyResult(mine);
		});
		s.on('player:self', (self) => this.applySelf(self));
		s.on('player:result', (r) => this.applyResult(r));
		s.on('player:kicked', () => {
			this.tokens.removeItem(this.tokenKey);
			this.stage = 'kicked';
		});
	}

	/** A phone waking from sleep may hold a dead connection: reconnect now, not at the heartbeat. */
	wake() {
		if (!this.socket.connected) this.socket.connect();
	}

	/** Leaves the page: stops the countdown and closes the connection. */
	close() {
		this.retry.stop();
		this.countdown.stop();
		this.socket.disconnect();
	}

	/** Whether a request sent now would reach a server that will answer it. */
	private get reachable(): boolean {
		return this.socket.connected && !this.draining;
	}

	private applyView(v: RoomView) {
		const old = this.view;
		this.lastPhase = v.phase;
		const newQuestion =
			!old || v.index !== old.index || (v.phase === 'question' && old.phase !== 'question');
		this.view = v;
		this.countdown.sync(v);
		if (newQuestion && v.phase === 'question') {
			this.picked = [];
			this.text = '';
			this.note = null;
			this.result = null;
			if (this.sent && this.sent.index !== v.index) this.sent = null;
		}
	}

	private applyResult(r: PlayerResult) {
		this.result = r;
		if (this.self) this.self = { ...this.self, score: r.score, streak: r.streak, rank: r.rank };
	}

	private applySelf(s: PlayerSelf) {
		this.self = s;
		if (s.answered && this.view) this.sent = { index: this.view.index, answer: s.answered };
	}

	private async resume(token: string) {
		const res = await request(this.socket, 'player:resume', { pin: this.pin, token });
		if (res.ok) {
			this.applyView(res.view);
			this.applySelf(res.self);
			this.stage = 'playing';
			this.retry.settled();
			// The answer waiting here reached the server before the connection dropped.
			if (this.pending && this.sent?.index === this.pending.index) {
				this.pending = null;
				this.note = null;
			}
			if (this.pending) void this.flush();
		} else if (isUnanswered(res)) {
			// The connection dropped again; the next one resumes.
		} else if (res.error.code === 'KICKED') {
			this.stage = 'kicked';
		} else if (res.error.code === 'ROOM_NOT_FOUND') {
			// A token is kept only for a room joined here, so the PIN is not to blame.
			this.lost = roomLoss(this.lastPhase, true);
			this.goneError = res.error;
			this.countdown.stop();
			this.stage = 'gone';
		} else {
			// The token no longer opens this room (the game moved on without late joins, say).
			this.tokens.removeItem(this.tokenKey);
			this.stage = 'nickname';
		}
	}

	/** Joins with a nickname and, in a room with teams, the team picked (or as audience, or by roster). */
	async join(nickname: string, pick: JoinPick | null = null) {
		this.joinError = null;
		this.joining = true;
		const res = await request(this.socket, 'player:join', { pin: this.pin, nickname, ...pick });
		this.joining = false;
		if (!res.ok) {
			this.joinError = res.error;
			if (res.error.code === 'ROOM_NOT_FOUND' || res.error.code === 'ROOM_ENDED') {
				this.goneError = res.error;
				this.stage = 'gone';
			}
			return;
		}
		this.tokens.setItem(this.tokenKey, res.token);
		this.applyView(res.view);
		this.applySelf(res.self);
		this.stage = 'playing';
	}

	/** Sends an answer to the open question; while offline it waits and is sent on reconnection. */
	async submit(answer: AnswerPayload['answer']) {
		const v = this.view;
		if (!v || v.phase !== 'question' || this.sent) return;
		this.pending = { index: v.index, answer };
		if (this.reachable) await this.flush();
		else this.note = { kind: 'queued' };
	}

	/** A tap on an option: toggles it for multiple choice, sends it at once otherwise. */
	choose(i: number) {
		const q = this.view?.question;
		if (!q || this.sent || this.pending) return;
		if (q.type === 'multiple') {
			this.picked = this.picked.includes(i)
				? this.picked.filter((x) => x !== i)
				: [...this.picked, i].sort();
		} else {
			this.picked = [i];
			void this.submit({ choices: [i] });
		}
	}

	submitPicked() {
		return this.submit({ choices: this.picked });
	}

	submitText() {
		return this.text.trim() ? this.submit({ text: this.text }) : Promise.resolve();
	}

	private async flush() {
		const item = this.pending;
		if (!item || this.sending === item) return;
		this.sending = item;
		const res = await request(this.socket, 'player:answer', item);
		this.sending = null;
		// A newer answer (or a new question) took its place while this one was on its way.
		if (this.pending !== item) return;
		if (isUnanswered(res) && !this.reachable) {
			// Dropped on the way: sent again on reconnection (an answer counts once however often
			// it arrives), unless the resume shows that it was stored.
			this.note = { kind: 'queued' };
			return;
		}
		this.pending = null;
		if (res.ok) {
			this.sent = item;
			this.note = null;
		} else {
			// Never silent: the player sees that this answer did not count, and why.
			this.note = { kind: 'notCounted', error: res.error };
		}
	}
}
