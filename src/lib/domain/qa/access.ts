// Who may do what in a Q&A event. A participant is a signed identity from the server (no
// account); a moderator is a signed-in member of the event's organisation (moderators and experts
// share the panel: an expert answers, a moderator approves, both may do either). Nobody else
// reaches the panel, the held or rejected questions, or the authors' identities.
export type QaRole = 'participant' | 'moderator';

export const QA_ACTIONS = {
	ask: 'participant',
	vote: 'participant',
	unvote: 'participant',
	approve: 'moderator',
	reject: 'moderator',
	star: 'moderator',
	pin: 'moderator',
	archive: 'moderator',
	answer: 'moderator',
	ban: 'moderator',
	upNext: 'moderator',
	close: 'moderator',
	reopen: 'moderator',
	settings: 'moderator'
} as const satisfies Record<string, QaRole>;

export type QaAction = keyof typeof QA_ACTIONS;

export function mayDo(role: QaRole, action: QaAction): boolean {
	return QA_ACTIONS[action] === role;
}

/** A closed event takes no new questions or votes; its moderators may still tidy it up. */
export function openFor(action: QaAction, closed: boolean): boolean {
	return !closed || QA_ACTIONS[action] === 'moderator';
}
