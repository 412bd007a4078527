// A host's control of one room. Every (re)connection attaches again: a quick room with the secret
// this browser keeps, a room opened by a signed-in host with the session cookie the socket's
// handshake carries. A stored secret that no longer controls the room (NOT_HOST) falls back to the
// session, and the session's answer wins unless it only says "not signed in". Every disconnect is
// followed by a reconnection, except the one that ends a signed-out session of an account's room.
import {
	HOST_PLAYER_PAGE,
	type ErrorBody,
	type HostCommandPayload,
	type HostControl,
	type PlayerSummary
} from '../protocol';
import {
	applyPlayersDelta,
	firstPage,
	onlineAfter,
	pageFrom,
	type PlayerPageState
} from './player-page';
import { ServerCloseRetry } from './reconnect';
import { roomLoss, type RoomLoss } from './room-status';
import { RoomWatch } from './room-watch.svelte';
import { isUnanswered, request, type AndaClientSocket } from './socket';

const OFFLINE: ErrorBody = { code: 'INTERNAL', message: '连接中断，正在重连，请稍候再试' };

/** The result of an action the page reports to the host. */
export type ActionResult = { ok: true } | { ok: false; error: ErrorBody };

export class HostSession {
	readonly watch = new RoomWatch({ mergePlayers: false });
	/** The page of players the panel shows: never the whole room. */
	players = $state<PlayerPageState>(firstPage([], 0));
	/** Players with a socket open: the attach's count, moved by the batches since. */
	onlineCount = $state(0);
	control = $state<HostControl | null>(null);
	coHosts = $state<string[]>([]);
	/** The screen link's token (a room opened by a signed-in host); null: the PIN is enough. */
	screenToken = $state<string | null>(null);
	/** The last refusal (attach, a command or a kick), shown above the controls. */
	error = $state('');
	/** No control of this room: not its host, or not signed in to the account that is. */
	denied = $state(false);
	/** Denied because the room is run by an account and this browser is not signed in to one. */
	needsSignIn = $state(false);
	/** The server dropped this socket (its session was signed out). */
	signedOut = $state(false);
	/** The room this browser ran no longer exists (the server restarted, or it closed). */
	lost = $state<RoomLoss | null>(null);
	busy = $state(false);
	online = $state(true);

	private readonly socket: AndaClientSocket;
	private readonly pin: string;
	/** The quick room's secret kept in this browser, if any. */
	private readonly storedSecret: () => string | null;
	private readonly retry: ServerCloseRetry;

	constructor(
		socket: AndaClientSocket,
		pin: string,
		storedSecret: () => string | null,
		opts: { retryDelayMs?: (n: number) => number } = {}
	) {
		this.socket = socket;
		this.pin = pin;
		this.storedSecret = storedSecret;
		this.retry = new ServerCloseRetry(
			socket,
			() => this.lost !== null || this.endedBySignOut,
			opts.retryDelayMs
		);
	}

	/** Signed out while steering by the session: a new connection would not steer either. */
	private get endedBySignOut(): boolean {
		return this.signedOut && this.control !== 'secret';
	}

	listen() {
		this.watch.listen(this.socket);
		this.socket.on('room:players', (d) => {
			this.players = applyPlayersDelta(this.players, d, HOST_PLAYER_PAGE);
			this.onlineCount = onlineAfter(this.onlineCount, d);
		});
		this.socket.on('connect', () => void this.attach());
		// Said just before the server drops a signed-out session's sockets (here or on another device).
		this.socket.on('session:ended', () => (this.signedOut = true));
		this.socket.on('disconnect', (reason) => {
			this.online = false;
			// A quick room stays under its secret; an account's room needs signing in again.
			if (reason === 'io server disconnect' && this.endedBySignOut) {
				this.denied = true;
				this.needsSignIn = true;
				this.error = '连接已被服务器断开';
			}
		});
		this.retry.listen();
	}

	private async attach() {
		this.online = true;
		const pin = this.pin;
		const secret = this.storedSecret();
		let res = secret ? await request(this.socket, 'host:attach', { pin, secret }) : null;
		if (!res || (!res.ok && res.error.code === 'NOT_HOST')) {
			const bySession = await request(this.socket, 'host:attach', { pin });
			if (!res || bySession.ok || bySession.error.code !== 'NOT_SIGNED_IN') res = bySession;
		}
		if (isUnanswered(res)) return; // the connection dropped again; the next one attaches
		if (!res.ok) {
			if (res.error.code === 'ROOM_NOT_FOUND') {
				this.lost = roomLoss(this.watch.view?.phase ?? null, secret !== null);
				if (this.lost) {
					// Nothing is running any more: the countdown must not go on as if it were.
					this.watch.stop();
					return;
				}
			}
			this.denied = res.error.code === 'NOT_HOST' || res.error.code === 'NOT_SIGNED_IN';
			this.needsSignIn = res.error.code === 'NOT_SIGNED_IN';
			this.error = res.error.message;
			return;
		}
		this.retry.settled();
		this.denied = false;
		this.signedOut = false;
		this.needsSignIn = false;
		this.error = '';
		this.control = res.control;
		this.coHosts = res.coHosts;
		this.screenToken = res.screenToken;
		this.watch.applyView(res.view);
		// A reconnection shows the newest page again: an older page may have shifted meanwhile.
		this.players = firstPage(res.players, res.counts.total);
		this.onlineCount = res.counts.online;
	}

	/**
	 * Shows the page from `offset` (newest first), of the whole room or of the players whose
	 * nickname holds `query`.
	 */
	async showPage(offset: number, query: string | null = null): Promise<ActionResult> {
		const q = query?.trim() || null;
		const res = await request(this.socket, 'host:players', {
			offset: Math.max(0, offset),
			limit: HOST_PLAYER_PAGE,
			...(q ? { query: q } : {})
		});
		if (!res.ok) {
			this.error = res.error.message;
			return res;
		}
		this.players = pageFrom(res, q);
		return { ok: true };
	}

	async send(cmd: HostCommandPayload): Promise<ActionResult> {
		// Sent now it would wait in the socket's buffer and reach the server before the re-attach,
		// which would refuse it.
		if (!this.socket.connected) {
			this.error = OFFLINE.message;
			return { ok: false, error: OFFLINE };
		}
		this.busy = true;
		this.error = '';
		const res = await request(this.socket, 'host:command', cmd);
		this.busy = false;
		if (!res.ok) {
			this.error = res.error.message;
			return res;
		}
		this.watch.applyView(res.view);
		return { ok: true };
	}

	async kick(player: PlayerSummary): Promise<ActionResult> {
		const res = await request(this.socket, 'host:kick', { playerId: player.id });
		if (!res.ok) {
			this.error = res.error.message;
			return res;
		}
		// Off the page at once; the room's new count comes with the server's batch.
		this.players = applyPlayersDelta(
			this.players,
			{ joined: [], left: [player.id], count: this.players.total },
			HOST_PLAYER_PAGE
		);
		return { ok: true };
	}

	/** The owner adds a colleague as co-host; the page shows who was added, or why not. */
	async addCoHost(
		email: string
	): Promise<{ ok: true; coHost: string } | { ok: false; error: ErrorBody }> {
		const res = await request(this.socket, 'host:addCoHost', { email });
		if (!res.ok) return res;
		if (!this.coHosts.includes(res.coHost)) this.coHosts = [...this.coHosts, res.coHost];
		return { ok: true, coHost: res.coHost };
	}

	/** The big screen's link: with its token where the room needs one. */
	get screenPath(): string {
		const base = `/screen/${this.pin}`;
		return this.screenToken ? `${base}?t=${encodeURIComponent(this.screenToken)}` : base;
	}

	close() {
		this.retry.stop();
		this.watch.stop();
		this.socket.disconnect();
	}
}
