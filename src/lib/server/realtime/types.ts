// Socket.IO's four typed maps for Anda. `SocketData` holds the signed-in user of the handshake and
// one binding per kind of live session; a new kind adds its own binding field beside `room`.
import type { Server, Socket } from 'socket.io';
import type {
	ClientToServerEvents,
	HostControl,
	RoomView,
	ServerToClientEvents
} from '../../protocol';

export interface InterServerEvents {
	/**
	 * A question was scored: its reveal, with each player's own result, to this process's players.
	 * (Not `anda:results`, which carried an index: a process of an earlier release ignores it.)
	 */
	'anda:reveal': (pin: string, view: RoomView) => void;
	/** A player was kicked: this process tells their sockets and closes them. */
	'anda:kick': (pin: string, playerId: string) => void;
	/** A room's state changed; its clock holder reschedules. */
	'anda:changed': (pin: string) => void;
}

/** What a socket is in a quiz room: one of its players, a host panel or a screen. */
export type RoomBinding =
	| { role: 'player'; pin: string; playerId: string }
	| { role: 'host'; pin: string; control: HostControl }
	| { role: 'screen'; pin: string };

/**
 * What a socket is in a Q&A event: a participant's phone, a moderator's (expert's) panel, or a
 * wall (big screen, OBS overlay) that only watches the public view and has no identity.
 */
export type QaBinding =
	| { role: 'participant'; code: string; participantId: string }
	| { role: 'moderator'; code: string; userId: string; orgId: string }
	| { role: 'screen'; code: string };

export interface SocketData {
	/** The client's address key (http/client-ip.ts): what per-address limits count. */
	address: string;
	/** The signed-in user whose session cookie came with this connection's handshake. */
	auth: { userId: string; sessionId: string } | null;
	/** The quiz room this socket is bound to, if any. */
	room: RoomBinding | null;
	/** The Q&A event this socket is bound to, if any. */
	qa: QaBinding | null;
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
	/** The PIN of a Socket.IO room named by `all`, else null. */
	pinOfAll: (name: string) => (name.startsWith('r:') ? name.slice(2) : null),
	/** Host panels and screens: lobby arrivals and live answer counts. */
	staff: (pin: string) => `s:${pin}`,
	players: (pin: string) => `p:${pin}`,
	/** Q&A: every phone and wall of an event (the public view). */
	qaPublic: (code: string) => `qa:${code}`,
	/** Q&A: the event's moderator and expert panels. */
	qaModerators: (code: string) => `qam:${code}`,
	/** Q&A: one user's panels of an event (closed when they lose their role). */
	qaPanelUser: (code: string, userId: string) => `qau:${code}:${userId}`,
	/** A user's panels on the events of one organisation (dropped when their membership changes). */
	qaOrgUser: (orgId: string, userId: string) => `qao:${orgId}:${userId}`,
	/** Q&A: one participant's phones. */
	qaParticipant: (code: string, id: string) => `qap:${code}:${id}`,
	/** The event code of a Socket.IO room named by `qaPublic` or `qaModerators`, else null. */
	codeOfQa: (name: string) =>
		name.startsWith('qa:') ? name.slice(3) : name.startsWith('qam:') ? name.slice(4) : null,
	/** [code, participant id] of a Socket.IO room named by `qaParticipant`, else null. */
	participantOfQa: (name: string): [string, string] | null => {
		if (!name.startsWith('qap:')) return null;
		const at = name.indexOf(':', 4);
		return at < 0 ? null : [name.slice(4, at), name.slice(at + 1)];
	},
	/** Every socket opened with one session: signing out disconnects them all, on every process. */
	session: (sessionId: string) => `u:session:${sessionId}`
};

/** The quiz rooms (PINs) that have sockets on this process. */
export function localRoomPins(io: AndaServer): string[] {
	return [...io.of('/').adapter.rooms.keys()]
		.map(rooms.pinOfAll)
		.filter((p): p is string => p !== null);
}

/** The Q&A events (codes) that have phones, walls or panels on this process. */
export function localQaCodes(io: AndaServer): string[] {
	const codes = new Set<string>();
	for (const name of io.of('/').adapter.rooms.keys()) {
		const code = rooms.codeOfQa(name);
		if (code !== null) codes.add(code);
	}
	return [...codes];
}

/** The participants of an event with phones on this process. */
export function localQaParticipants(io: AndaServer, code: string): string[] {
	const ids: string[] = [];
	for (const name of io.of('/').adapter.rooms.keys()) {
		const p = rooms.participantOfQa(name);
		if (p && p[0] === code) ids.push(p[1]);
	}
	return ids;
}
