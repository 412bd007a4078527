// A stand-in for the browser's Socket.IO connection: server events are emitted on it directly, and
// each acknowledged request is answered by a handler the test sets, after a microtask (as a real
// ack arrives later than the emit). A held event's acks wait until released; a drop fails the acks
// still waiting, as socket.io-client does.
import { EventEmitter } from 'node:events';
import type { AndaClientSocket } from '../../src/lib/client/socket';

type Handler = (payload: unknown) => object;
type AckFn = (err: Error | null, res: unknown) => void;

export class FakeSocket extends EventEmitter {
	connected = false;
	/** How often the session (re)connected this socket. */
	connects = 0;
	/** Every acknowledged request, in order: event and payload. */
	readonly requests: { event: string; payload: unknown }[] = [];
	private readonly handlers = new Map<string, Handler>();
	private readonly held = new Set<string>();
	private waiting: { event: string; payload: unknown; ack: AckFn }[] = [];

	/** Sets how the "server" answers one event. */
	answer(event: string, handler: Handler): this {
		this.handlers.set(event, handler);
		return this;
	}

	/** Acks of `event` wait (the server is slow) until released or the connection drops. */
	hold(event: string): this {
		this.held.add(event);
		return this;
	}

	/** Answers the held requests of `event` now. */
	release(event: string) {
		this.held.delete(event);
		const now = this.waiting.filter((w) => w.event === event);
		this.waiting = this.waiting.filter((w) => w.event !== event);
		for (const w of now) this.reply(w.event, w.payload, w.ack);
	}

	timeout() {
		return {
			emit: (event: string, payload: unknown, ack: AckFn) => {
				this.requests.push({ event, payload });
				if (this.held.has(event)) this.waiting.push({ event, payload, ack });
				else this.reply(event, payload, ack);
			}
		};
	}

	private reply(event: string, payload: unknown, ack: AckFn) {
		const handler = this.handlers.get(event);
		if (!handler) throw new Error(`no handler for ${event}`);
		queueMicrotask(() => ack(null, handler(payload)));
	}

	/** The payloads sent with one event. */
	sent(event: string): unknown[] {
		return this.requests.filter((r) => r.event === event).map((r) => r.payload);
	}

	connect() {
		this.connects++;
		this.connected = true;
		this.emit('connect');
		return this;
	}

	/**
	 * The connection drops (the server's reason is given when the server closed it); the acks
	 * still awaited fail afterwards, as socket.io-client clears them.
	 */
	drop(reason = 'transport close') {
		this.connected = false;
		this.emit('disconnect', reason);
		const failed = this.waiting.splice(0);
		for (const w of failed) w.ack(new Error('socket has been disconnected'), undefined);
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
