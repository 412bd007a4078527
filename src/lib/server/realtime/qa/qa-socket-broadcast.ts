// QaBroadcast over Socket.IO: each frame is emitted once to a Socket.IO room (encoded once, and
// relayed to the other processes by the adapter when there are several).
import type { QaBroadcast } from '../../qa/qa-broadcast';
import { rooms, type AndaServer } from '../types';

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
}
