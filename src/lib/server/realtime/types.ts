import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../protocol';

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
	player: (pin: string, id: string) => `p:${pin}:${id}`
};
