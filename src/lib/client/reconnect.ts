// socket.io-client retries every lost connection by itself — except one the server closed on
// purpose ("io server disconnect"), which it takes as final. Anda's server closes a socket on
// purpose only to kick a player or to end a signed-out session, and says so first (the session
// knows); any other such close (an older process shutting down, a proxy) deserves another try, so
// the pages reconnect after it too, backing off while it keeps happening.
import type { AndaClientSocket } from './socket';

/** Milliseconds before the n-th (from 0) reconnection in a row: doubling from ~0.5 s, jittered. */
export function serverCloseDelay(n: number): number {
	const base = Math.min(500 * 2 ** n, 30_000);
	return base / 2 + Math.random() * base;
}

export class ServerCloseRetry {
	private timer: ReturnType<typeof setTimeout> | null = null;
	private inARow = 0;

	constructor(
		private readonly socket: AndaClientSocket,
		/** Whether the session ended for good (kicked, signed out, the room gone): no reconnecting. */
		private readonly final: () => boolean,
		private readonly delayMs: (n: number) => number = serverCloseDelay
	) {}

	listen() {
		this.socket.on('disconnect', (reason) => {
			if (reason !== 'io server disconnect' || this.final()) return;
			this.clear();
			this.timer = setTimeout(() => {
				this.timer = null;
				if (!this.final() && !this.socket.connected) this.socket.connect();
			}, this.delayMs(this.inARow++));
		});
	}

	/** The session is back in its room: the next close starts the back-off afresh. */
	settled() {
		this.inARow = 0;
	}

	/** The page is leaving. */
	stop() {
		this.clear();
	}

	private clear() {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
	}
}
