import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, HostControl, ServerToClientEvents } from '../../protocol';

export interface InterServerEvents {
	/** Deliver question results to this process's players of the room. */
	'anda:results': (pin: string, index: number) => void;
	/** A room's state changed; its clock holder reschedules. */
	'anda:changed': (pin: string) => void;
}

export interface SocketData {
	role: 'player' | 'host' | 'screen' | null;
	pin: string | null;
	playerId: string | null;
	/** The signed-in user whose session cookie came with this connection's handshake. */
	auth?: { userId: string; sessionId: string } | null;
	/** How a host socket holds its room. */
	control?: HostControl | null;
}

export type AndaServer = Server<
	ClientToServerEvents,
	ServerToClientEvents,
	InterServerEvents,
	SocketData
>;
export type AndaSocket = Socket<
	ClientToServerEvents,
	ServerToClientEvents,
	InterServerEvents,
	SocketData
>;

/** Socket.IO room names. */
export const rooms = {
	all: (pin: string) => `r:${pin}`,
	/** Host panels and screens: lobby arrivals and live answer counts. */
	staff: (pin: string) => `s:${pin}`,
	players: (pin: string) => `p:${pin}`,
	player: (pin: string, id: string) => `p:${pin}:${id}`,
	/** Every socket opened with one session: signing out disconnects them all, on every process. */
	session: (sessionId: string) => `u:session:${sessionId}`
};
