// The browser's typed Socket.IO connection and a promise wrapper for acknowledged events.
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { AckResult, ClientToServerEvents, ErrorBody, ServerToClientEvents } from '../protocol';

export type AndaClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * How the pages connect. socket.io-client's own reconnection (on by default, with back-off and
 * jitter) retries every dropped transport for ever; what it does not retry — the server's own
 * disconnect — the sessions handle (see reconnect.ts).
 */
export const SOCKET_OPTIONS: Partial<ManagerOptions & SocketOptions> = {
	path: '/socket.io',
	transports: ['websocket', 'polling']
};

/** The page's own origin; tests pass the server's URL. */
export function connectSocket(url?: string): AndaClientSocket {
	return url ? io(url, SOCKET_OPTIONS) : io(SOCKET_OPTIONS);
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
