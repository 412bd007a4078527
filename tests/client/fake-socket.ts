// A stand-in for the browser's Socket.IO connection: server events are emitted on it directly, and
// each acknowledged request is answered by a handler the test sets, after a microtask (as a real
// ack arrives later than the emit).
import { EventEmitter } from 'node:events';
import type { AndaClientSocket } from '../../src/lib/client/socket';

type Handler = (payload: unknown) => object;

export class FakeSocket extends EventEmitter {
	connected = false;
	/** Every acknowledged request, in order: event and payload. */
	readonly requests: { event: string; payload: unknown }[] = [];
	private readonly handlers = new Map<string, Handler>();

	/** Sets how the "server" answers one event. */
	answer(event: string, handler: Handler): this {
		this.handlers.set(event, handler);
		return this;
	}

	timeout() {
		return {
			emit: (event: string, payload: unknown, ack: (err: Error | null, res: unknown) => void) => {
				this.requests.push({ event, payload });
				const handler = this.handlers.get(event);
				if (!handler) throw new Error(`no handler for ${event}`);
				queueMicrotask(() => ack(null, handler(payload)));
			}
		};
	}

	/** The payloads sent with one event. */
	sent(event: string): unknown[] {
		return this.requests.filter((r) => r.event === event).map((r) => r.payload);
	}

	connect() {
		this.connected = true;
		this.emit('connect');
		return this;
	}

	/** The connection drops (the server's reason is given when the server closed it). */
	drop(reason = 'transport close') {
		this.connected = false;
		this.emit('disconnect', reason);
	}

	disconnect() {
		this.connected = false;
		return this;
	}

	get client(): AndaClientSocket {
		return this as unknown as AndaClientSocket;
	}
}

/** Lets queued acks, and the awaits after them, run. */
export const settle = () => new Promise((r) => setTimeout(r, 0));

/** A Storage-shaped map. */
export function memoryStorage(init: Record<string, string> = {}) {
	const m = new Map(Object.entries(init));
	return {
		getItem: (k: string) => m.get(k) ?? null,
		setItem: (k: string, v: string) => void m.set(k, v),
		removeItem: (k: string) => void m.delete(k),
		has: (k: string) => m.has(k)
	};
}
