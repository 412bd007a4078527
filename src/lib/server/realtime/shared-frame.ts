// One event sent to many sockets with the same first argument and, for each socket, an argument
// of its own: the reveal and each player's result. `socket.emit` would serialise the whole reveal
// once per player (ten thousand times for one room on one process); here it is serialised once
// and each socket's frame is that text with its own part appended, written to the socket's
// connection the way Socket.IO's adapter writes a room broadcast (pre-encoded, so not re-encoded).
import type { AndaSocket } from './types';

/** Socket.IO's EVENT packet type, the first character of an encoded event on the main namespace. */
const EVENT = '2';

interface EngineWriter {
	writeToEngine(encoded: string, opts: { preEncoded: true }): void;
}

export class SharedFrame {
	/** `2["event",shared` — the packet without its closing bracket. */
	private readonly head: string;

	constructor(
		private readonly event: string,
		private readonly shared: unknown
	) {
		const json = JSON.stringify([event, shared]);
		this.head = EVENT + json.slice(0, -1);
	}

	/** The encoded packet, with `own` as the event's second argument when there is one. */
	encoded(own?: unknown): string {
		return own === undefined ? `${this.head}]` : `${this.head},${JSON.stringify(own)}]`;
	}

	/** Sends the frame to one socket (nothing, as with `emit`, when its connection is not open). */
	send(socket: AndaSocket, own?: unknown): void {
		// Only the main namespace's packets carry no namespace prefix; elsewhere emit as usual.
		if (socket.nsp.name !== '/') {
			(socket.emit as (...a: unknown[]) => void)(
				this.event,
				this.shared,
				...(own === undefined ? [] : [own])
			);
			return;
		}
		if (!socket.connected || socket.conn.readyState !== 'open') return;
		(socket.client as unknown as EngineWriter).writeToEngine(this.encoded(own), {
			preEncoded: true
		});
	}
}
