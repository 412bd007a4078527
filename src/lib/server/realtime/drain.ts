// A graceful shutdown that clients survive. The events being handled are counted so that their
// acks go out before the connections close (an acked answer is durable; an answer acked by no one
// would be sent again, and a player told nothing would not know). Then each connection's transport
// is closed, not its Socket.IO session: socket.io-client takes the server's own disconnect
// ("io server disconnect") as final, but retries a closed transport ("transport close") — to
// another process behind the load balancer, or to this one restarted.
import type { AndaServer } from './types';

/** Counts the work still being done for sockets (events to ack, departures to record). */
export class InFlight {
	private count = 0;
	private waiters: (() => void)[] = [];

	get size(): number {
		return this.count;
	}

	/** One more event being handled; call the returned function (once) when its ack is sent. */
	begin(): () => void {
		this.count++;
		let done = false;
		return () => {
			if (done) return;
			done = true;
			this.count--;
			if (this.count === 0) for (const w of this.waiters.splice(0)) w();
		};
	}

	/** Resolves true once nothing is in flight, or false after `timeoutMs` (a handler stuck on a store). */
	idle(timeoutMs: number): Promise<boolean> {
		if (this.count === 0) return Promise.resolve(true);
		return new Promise((resolve) => {
			const waiter = () => {
				clearTimeout(timer);
				resolve(true);
			};
			const timer = setTimeout(() => {
				this.waiters = this.waiters.filter((w) => w !== waiter);
				resolve(false);
			}, timeoutMs);
			this.waiters.push(waiter);
		});
	}
}

export interface DrainTimes {
	/** How long in-flight events may take to be acked. */
	acksMs: number;
	/** How long the closed transports may take to flush what they still hold. */
	flushMs: number;
}

export const DRAIN_TIMES: DrainTimes = { acksMs: 3000, flushMs: 1000 };

/**
 * Tells this process's clients that it is going away, lets the events in flight be acked, then
 * closes the transports (after flushing them) so that the clients reconnect elsewhere.
 */
export async function drainSockets(
	io: AndaServer,
	inFlight: InFlight,
	times: DrainTimes = DRAIN_TIMES
): Promise<void> {
	// Only this process's sockets: with the Redis adapter a plain emit reaches every node.
	io.local.emit('server:draining');
	await inFlight.idle(times.acksMs);
	for (const socket of io.of('/').sockets.values()) socket.conn.close();
	const end = Date.now() + times.flushMs;
	while (io.engine.clientsCount > 0 && Date.now() < end) {
		await new Promise((r) => setTimeout(r, 10));
	}
	// The closed sockets' own store work (players counted out of their rooms).
	await inFlight.idle(times.acksMs);
}
