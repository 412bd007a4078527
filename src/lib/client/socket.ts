// The browser's typed Socket.IO connection and a promise wrapper for acknowledged events.
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { AckResult, ClientToServerEvents, ErrorBody, ServerToClientEvents } from '../protocol';

export type AndaClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * How the pages connect. socket.io-client's own reconnection (on by default, with back-off and
 * jitter) retries every dropped transport for ever; what it does not retry — the server's own
 * disconnect — the sessions handle (see reconnect.ts), and a refusal at the door for too many
 * connections from one network, retryWhenRefused below.
 */
export const SOCKET_OPTIONS: Partial<ManagerOptions & SocketOptions> = {
	path: '/socket.io',
	transports: ['websocket', 'polling']
};

/** The page's own origin; tests pass the server's URL. */
export function connectSocket(url?: string): AndaClientSocket {
	const socket: AndaClientSocket = url ? io(url, SOCKET_OPTIONS) : io(SOCKET_OPTIONS);
	retryWhenRefused(socket);
	return socket;
}

/**
 * A connection the server refused at its door because this network has too many open
 * (TOO_MANY_CONNECTIONS) is not retried by Socket.IO itself; it is tried again after a pause
 * (jittered, so that a hall of phones does not come back at once).
 */
export function retryWhenRefused(
	socket: Socket,
	pauseMs: () => number = () => 5000 + Math.random() * 5000
): void {
	let timer: ReturnType<typeof setTimeout> | undefined;
	let closed = false;
	socket.on('connect_error', (err: Error & { data?: { code?: unknown } }) => {
		if (err.data?.code !== 'TOO_MANY_CONNECTIONS' || socket.active || closed) return;
		clearTimeout(timer);
		timer = setTimeout(() => {
			if (!closed && !socket.connected && !socket.active) socket.connect();
		}, pauseMs());
	});
	// A page that closes its socket (it is leaving) must not have it reopened by a pending retry;
	// a refused socket never connected, so no 'disconnect' event would say so.
	const disconnect = socket.disconnect.bind(socket);
	socket.disconnect = () => {
		closed = true;
		clearTimeout(timer);
		return disconnect();
	};
}

type Payload<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[0];
type Result<E extends keyof ClientToServerEvents> = Parameters<
	Parameters<ClientToServerEvents[E]>[1]
>[0];

/**
 * A request the server never answered: it timed out, or the connection dropped before the ack
 * came. The server may or may not have done it; only idempotent requests may simply be sent again.
 */
export interface Unanswered {
	ok: false;
	error: ErrorBody;
	unanswered: true;
}

export function isUnanswered(res: { ok: boolean }): res is Unanswered {
	return !res.ok && (res as Partial<Unanswered>).unanswered === true;
}

/** Emits and resolves with the ack; a timeout or a drop becomes an error result, never a hang. */
export function request<E extends keyof ClientToServerEvents>(
	socket: AndaClientSocket,
	event: E,
	payload: Payload<E>,
	timeoutMs = 8000
): Promise<Result<E> | Unanswered> {
	return new Promise((resolve) => {
		// socket.io's typed emit cannot see through the generic event here.
		const s = socket as unknown as Socket;
		s.timeout(timeoutMs).emit(event, payload, (err: Error | null, res: AckResult) => {
			if (err)
				resolve({
					ok: false,
					error: { code: 'INTERNAL', message: '网络超时，请重试' },
					unanswered: true
				});
			else resolve(res as Result<E>);
		});
	});
}
