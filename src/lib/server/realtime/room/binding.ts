// Binding a socket to a quiz room: one identity per socket (a player, a host panel or a screen),
// and the Socket.IO rooms that identity listens on.
import { RoomError } from '../../rooms/errors';
import { rooms, type AndaSocket, type RoomBinding } from '../types';

const TAKEN = '此连接已绑定其他身份';

/** Refuses a socket already bound as something other than `role`. */
export function requireUnboundOr(socket: AndaSocket, role: RoomBinding['role'] | null): void {
	const bound = socket.data.room;
	if (bound && bound.role !== role) throw new RoomError('BAD_REQUEST', TAKEN);
}

function channels(b: RoomBinding): string[] {
	switch (b.role) {
		case 'player':
			// No room of the player's own: on a Redis Cluster every room is a shard channel that
			// each process subscribes to, and one per player would be a subscription per join. A
			// kick finds the player's sockets among the room's (SocketBroadcast.kickHere).
			return [rooms.all(b.pin), rooms.players(b.pin)];
		case 'host':
		case 'screen':
			return [rooms.all(b.pin), rooms.staff(b.pin)];
	}
}

/** Binds the socket, leaving the channels of a previous room of the same role. */
export async function bindRoom(socket: AndaSocket, next: RoomBinding): Promise<void> {
	// A socket of a Q&A event stays one (qa/binding.ts refuses the other way round).
	if (socket.data.qa) throw new RoomError('BAD_REQUEST', TAKEN);
	const previous = socket.data.room;
	if (previous && previous.pin !== next.pin) {
		await Promise.all(channels(previous).map((c) => socket.leave(c)));
	}
	socket.data.room = next;
	await socket.join(channels(next));
}

/** Forgets the binding (a host whose session ended); the socket stays connected. */
export function unbindRoom(socket: AndaSocket): void {
	socket.data.room = null;
}

export function requirePlayer(socket: AndaSocket): { pin: string; playerId: string } {
	const b = socket.data.room;
	if (b?.role !== 'player') throw new RoomError('NOT_JOINED');
	return { pin: b.pin, playerId: b.playerId };
}
