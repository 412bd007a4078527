// QaBroadcast over Socket.IO: each frame is emitted once to a Socket.IO room (encoded once, and
// relayed to the other processes by the adapter when there are several).
import type { QaBroadcast } from '../../qa/qa-broadcast';
import type { QaFrames } from '../../qa/qa-service';
import { log } from '../../log';
import { localQaCodes, localQaParticipants, rooms, type AndaServer } from '../types';

export class QaSocketBroadcast implements QaBroadcast {
	constructor(private readonly io: AndaServer) {}

	qaPublic: QaBroadcast['qaPublic'] = (code, view) => {
		this.io.to(rooms.qaPublic(code)).emit('qa:view', view);
	};

	qaModerator: QaBroadcast['qaModerator'] = (code, view) => {
		this.io.to(rooms.qaModerators(code)).emit('qa:moderator', view);
	};

	qaVotes: QaBroadcast['qaVotes'] = (code, frame, audience) => {
		// Phones and panels alike when the audience sees counts; a socket in both rooms gets one frame.
		const to = audience
			? [rooms.qaPublic(code), rooms.qaModerators(code)]
			: rooms.qaModerators(code);
		this.io.to(to).emit('qa:votes', frame);
	};

	qaPoll: QaBroadcast['qaPoll'] = (code, frame, audience) => {
		const to = audience
			? [rooms.qaPublic(code), rooms.qaModerators(code)]
			: rooms.qaModerators(code);
		this.io.to(to).emit('qa:poll', frame);
	};

	qaMine: QaBroadcast['qaMine'] = (code, participantId, question) => {
		this.io.to(rooms.qaParticipant(code, participantId)).emit('qa:mine', question);
	};

	qaBanned: QaBroadcast['qaBanned'] = (code, participantId) => {
		this.io.to(rooms.qaParticipant(code, participantId)).emit('qa:banned');
	};

	qaPanelRevoked: QaBroadcast['qaPanelRevoked'] = (code, userId) => {
		// Closed, not only taken out of the room: a panel that reconnects and attaches again is
		// refused with QA_NOT_MODERATOR, which it shows.
		this.io.in(rooms.qaPanelUser(code, userId)).disconnectSockets(true);
	};

	qaMemberChanged: QaBroadcast['qaMemberChanged'] = (orgId, userId) => {
		this.io.in(rooms.qaOrgUser(orgId, userId)).disconnectSockets(true);
	};

	/**
	 * Redis pub/sub keeps nothing: frames other processes published while this process's adapter
	 * was cut off from Redis are gone. Once it is back, every event with sockets here gets, from
	 * this process only, its current public view and vote tally on the phones and walls, its
	 * moderator view and tally on the panels, and each participant here their own questions. A
	 * repeated frame changes nothing on a page (views are whole, counts carry their sequence).
	 */
	async resync(frames: (code: string) => Promise<QaFrames | null>): Promise<void> {
		for (const code of localQaCodes(this.io)) {
			try {
				const f = await frames(code);
				if (!f) continue;
				const local = this.io.local;
				local.to(rooms.qaPublic(code)).emit('qa:view', f.view);
				local.to(rooms.qaModerators(code)).emit('qa:moderator', f.moderator);
				const voters = f.audienceVotes
					? [rooms.qaPublic(code), rooms.qaModerators(code)]
					: rooms.qaModerators(code);
				local.to(voters).emit('qa:votes', f.votes);
				for (const id of localQaParticipants(this.io, code)) {
					for (const q of f.mine.get(id) ?? []) {
						local.to(rooms.qaParticipant(code, id)).emit('qa:mine', q);
					}
				}
			} catch (e) {
				log.error({ err: e, code }, 'qa: resync');
			}
		}
	}
}
