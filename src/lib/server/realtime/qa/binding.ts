// Binding a socket to a Q&A event: one identity per socket (a participant's phone or a moderator's
// panel), and the Socket.IO rooms that identity listens on. A socket bound to a quiz room may not
// also be bound to an event (and the other way round is refused by the room's own binding).
import { SessionError } from '../../kernel/session-error';
import { rooms, type AndaSocket, type QaBinding } from '../types';

const TAKEN = '此连接已绑定其他身份';

function channels(b: QaBinding): string[] {
	return b.role === 'participant'
		? [rooms.qaPublic(b.code), rooms.qaParticipant(b.code, b.participantId)]
		: [rooms.qaPublic(b.code), rooms.qaModerators(b.code), rooms.qaPanelUser(b.code, b.userId)];
}

const same = (a: QaBinding, b: QaBinding) =>
	a.role === b.role &&
	a.code === b.code &&
	(a.role === 'participant'
		? a.participantId === (b as typeof a).participantId
		: a.userId === (b as typeof a).userId);

/** Refuses a socket that is bound to a room, or to another Q&A identity than `next` would be. */
export function requireFreeFor(socket: AndaSocket, next: QaBinding | null): void {
	if (socket.data.room) throw new SessionError('BAD_REQUEST', TAKEN);
	const bound = socket.data.qa;
	if (bound && (next === null || !same(bound, next))) throw new SessionError('BAD_REQUEST', TAKEN);
}

export async function bindQa(socket: AndaSocket, next: QaBinding): Promise<void> {
	requireFreeFor(socket, next);
	socket.data.qa = next;
	await socket.join(channels(next));
}

export function requireParticipant(socket: AndaSocket): { code: string; participantId: string } {
	const b = socket.data.qa;
	if (b?.role !== 'participant') throw new SessionError('QA_NOT_JOINED');
	return { code: b.code, participantId: b.participantId };
}

/** The moderator's event, and the signed-in user now (a session that ended has no user). */
export function requireModerator(socket: AndaSocket): { code: string; userId: string | null } {
	const b = socket.data.qa;
	if (b?.role !== 'moderator') throw new SessionError('QA_NOT_MODERATOR');
	const now = socket.data.auth?.userId ?? null;
	return { code: b.code, userId: now === b.userId ? now : null };
}
