// What the Q&A service asks the transport to deliver; implemented over Socket.IO
// (realtime/qa/qa-socket-broadcast.ts), recorded in tests.
import type {
	QaModeratorView,
	QaOwnQuestion,
	QaPollFrame,
	QaPublicView,
	QaVotesFrame
} from '../../protocol';

export interface QaBroadcast {
	/** The public view, to every phone and wall of the event (encoded once). */
	qaPublic(code: string, view: QaPublicView): void;
	/** The moderator view, to the event's panels only. */
	qaModerator(code: string, view: QaModeratorView): void;
	/** Changed vote counts: to the panels always, to the audience when it sees counts. */
	qaVotes(code: string, frame: QaVotesFrame, audience: boolean): void;
	/** To the asker's phones: one of their questions changed. */
	qaMine(code: string, participantId: string, question: QaOwnQuestion): void;
	/** Changed poll results: to the panels always, to the audience while the results are shown. */
	qaPoll(code: string, frame: QaPollFrame, audience: boolean): void;
	/** To the participant's phones: they were banned. */
	qaBanned(code: string, participantId: string): void;
	/** The user's panels of the event, on every process, are closed: they no longer have a role. */
	qaPanelRevoked(code: string, userId: string): void;
	/**
	 * The user's membership of the organisation changed (removed, left, another role): their panels
	 * on its events are closed, and those that attach again get what the new role allows.
	 */
	qaMemberChanged(orgId: string, userId: string): void;
}
