// Binding a socket to a Q&A event: one identity per socket (a participant's phone, a moderator's
// panel or a wall), and the Socket.IO rooms that identity listens on. A socket bound to a quiz room may not
// also be bound to an event (and the other way round is refused by the room's own binding).
import { SessionError } from '../../kernel/session-error';
import { rooms, type AndaSocket, type QaBinding } from '../types';

const TAKEN = '此连接已绑定其他身份';

function channels(b: QaBinding): string[] {
	switch (b.role) {
		case 'participant':
			return [rooms.qaPublic(b.code), rooms.qaParticipant(b.code, b.participantId)];
		case 'moderator':
			return [
				rooms.qaPublic(b.code),
				rooms.qaModerators(b.code),
				rooms.qaPanelUser(b.code, b.userId),
				rooms.qaOrgUser(b.orgId, b.userId)
			];
		case 'screen':
			// The public channel alone: a wall is everyone's to open, so it hears what phones hear.
			return [rooms.qaPublic(b.code)];
	}
}

function same(a: QaBinding, b: QaBinding): boolean {
	if (a.code !== b.code) return false;
	if (a.role === 'participant')
		return b.role === 'participant' && a.participantId === b.participantId;
	if (a.role === 'moderator') return b.role === 'moderator' && a.userId === b.userId;
	return b.role === 'screen';
}

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
