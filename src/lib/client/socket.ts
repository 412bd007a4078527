// The browser's typed Socket.IO connection and a promise wrapper for acknowledged events.
import { io, type Socket } from 'socket.io-client';
import type { AckResult, ClientToServerEvents, ServerToClientEvents } from '../protocol';

export type AndaClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function connectSocket(): AndaClientSocket {
	const socket: AndaClientSocket = io({ path: '/socket.io', transports: ['websocket', 'polling'] });
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

/** Emits and resolves with the ack; a timeout becomes an error result, never a hang. */
export function request<E extends keyof ClientToServerEvents>(
	socket: AndaClientSocket,
	event: E,
	payload: Payload<E>,
	timeoutMs = 8000
): Promise<Result<E>> {
	return new Promise((resolve) => {
		// socket.io's typed emit cannot see through the generic event here.
		const s = socket as unknown as Socket;
		s.timeout(timeoutMs).emit(event, payload, (err: Error | null, res: AckResult) => {
			if (err)
				resolve({
					ok: false,
					error: { code: 'INTERNAL', message: '网络超时，请重试' }
				} as Result<E>);
			else resolve(res as Result<E>);
		});
	});
}
