// The browser's typed Socket.IO connection and a promise wrapper for acknowledged events.
import { io, type Socket } from 'socket.io-client';
import type { AckResult, ClientToServerEvents, ServerToClientEvents } from '../protocol';

export type AndaClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function connectSocket(): AndaClientSocket {
	return io({ path: '/socket.io', transports: ['websocket', 'polling'] });
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
