// The player sockets this process holds, by room: what its share of the rooms' presence is, for
// the room service to restore after the process was taken for dead (RoomBroadcast.localPlayers),
// and the sockets of one of its Socket.IO rooms.
import type { AndaServer, AndaSocket } from './types';

export async function localPlayerSockets(
	io: AndaServer
): Promise<Map<string, Map<string, number>>> {
	const byRoom = new Map<string, Map<string, number>>();
	for (const socket of await io.local.fetchSockets()) {
		const b = socket.data.room;
		if (b?.role !== 'player') continue;
		let held = byRoom.get(b.pin);
		if (!held) byRoom.set(b.pin, (held = new Map()));
		held.set(b.playerId, (held.get(b.playerId) ?? 0) + 1);
	}
	return byRoom;
}

/** The sockets of one Socket.IO room that this process holds, as the sockets themselves. */
export function localSocketsIn(io: AndaServer, room: string): AndaSocket[] {
	const nsp = io.of('/');
	const out: AndaSocket[] = [];
	for (const id of nsp.adapter.rooms.get(room) ?? []) {
		const socket = nsp.sockets.get(id);
		if (socket) out.push(socket);
	}
	return out;
}
