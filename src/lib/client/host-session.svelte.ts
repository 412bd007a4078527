// A host's control of one room. Every (re)connection attaches again: a quick room with the secret
// this browser keeps, a room opened by a signed-in host with the session cookie the socket's
// handshake carries. A stored secret that no longer controls the room (NOT_HOST) falls back to the
// session, and the session's answer wins unless it only says "not signed in".
import type { ErrorBody, HostCommandPayload, HostControl, PlayerSummary } from '../protocol';
import { RoomWatch } from './room-watch.svelte';
import { request, type AndaClientSocket } from './socket';

/** The result of an action the page reports to the host. */
export type ActionResult = { ok: true } | { ok: false; error: ErrorBody };

export class HostSession {
	readonly watch = new RoomWatch();
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
	busy = $state(false);
	online = $state(true);

	private readonly socket: AndaClientSocket;
	private readonly pin: string;
	/** The quick room's secret kept in this browser, if any. */
	private readonly storedSecret: () => string | null;

	constructor(socket: AndaClientSocket, pin: string, storedSecret: () => string | null) {
		this.socket = socket;
		this.pin = pin;
		this.storedSecret = storedSecret;
	}

	listen() {
		this.watch.listen(this.socket);
		this.socket.on('connect', () => void this.attach());
		this.socket.on('disconnect', (reason) => {
			this.online = false;
			// The server dropped us: this session was signed out (here or on another device).
			if (reason === 'io server disconnect') {
				this.denied = true;
				this.signedOut = true;
				this.needsSignIn = this.control !== 'secret';
				this.error = '连接已被服务器断开';
			}
		});
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
		if (!res.ok) {
			this.denied = res.error.code === 'NOT_HOST' || res.error.code === 'NOT_SIGNED_IN';
			this.needsSignIn = res.error.code === 'NOT_SIGNED_IN';
			this.error = res.error.message;
			return;
		}
		this.denied = false;
		this.error = '';
		this.control = res.control;
		this.coHosts = res.coHosts;
		this.screenToken = res.screenToken;
		this.watch.applyView(res.view);
		this.watch.setPlayers(res.players);
	}

	async send(cmd: HostCommandPayload): Promise<ActionResult> {
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
		this.watch.removePlayer(player.id);
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
		this.watch.stop();
		this.socket.disconnect();
	}
}
