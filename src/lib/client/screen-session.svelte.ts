// A big screen (projector, livestream overlay) watching one room: every (re)connection attaches
// again, every disconnect is followed by a reconnection, and a room that vanished while it was
// shown (the server restarted) is said to be over rather than not to exist.
import type { ErrorBody } from '../protocol';
import { ServerCloseRetry } from './reconnect';
import { roomLoss, type RoomLoss } from './room-status';
import { RoomWatch } from './room-watch.svelte';
import { isUnanswered, request, type AndaClientSocket } from './socket';

export class ScreenSession {
	readonly watch = new RoomWatch();
	/** Why the screen cannot show the room (no such room, too many requests…). */
	error = $state<ErrorBody | null>(null);
	/** The room this screen was showing no longer exists. */
	lost = $state<RoomLoss | null>(null);

	private readonly retry: ServerCloseRetry;
	private readonly token: string | undefined;

	constructor(
		private readonly socket: AndaClientSocket,
		private readonly pin: string,
		opts: {
			/** The screen link's token (?t=…), for a room opened by a signed-in host. */
			token?: string;
			retryDelayMs?: (n: number) => number;
		} = {}
	) {
		this.token = opts.token;
		this.retry = new ServerCloseRetry(socket, () => this.lost !== null, opts.retryDelayMs);
	}

	listen() {
		this.watch.listen(this.socket);
		this.socket.on('connect', () => void this.attach());
		this.retry.listen();
	}

	private async attach() {
		const res = await request(this.socket, 'screen:attach', { pin: this.pin, token: this.token });
		if (isUnanswered(res)) return; // the connection dropped again; the next one attaches
		if (!res.ok) {
			// A screen keeps no credential: only what it has shown says the room existed.
			const lost =
				res.error.code === 'ROOM_NOT_FOUND'
					? roomLoss(this.watch.view?.phase ?? null, false)
					: null;
			if (lost) {
				this.lost = lost;
				this.watch.stop();
			} else {
				this.error = res.error;
			}
			return;
		}
		this.retry.settled();
		this.error = null;
		this.watch.applyView(res.view);
		this.watch.setPlayers(res.players);
	}

	close() {
		this.retry.stop();
		this.watch.stop();
		this.socket.disconnect();
	}
}
