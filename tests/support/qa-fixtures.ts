// Q&A records and views as tests build them: an event, a question, and what the audience's phones
// and walls receive, each with defaults a test overrides field by field.
import type { QaEvent } from '../../src/lib/domain/qa/event';
import type { QaQuestion } from '../../src/lib/domain/qa/question';
import { DEFAULT_QA_SETTINGS } from '../../src/lib/domain/qa/settings';
import type { QaPublicQuestion, QaPublicView } from '../../src/lib/protocol';

/** The time the fixtures are made at. */
export const T0 = 1_700_000_000_000;

export function qaEvent(code: string, over: Partial<QaEvent> = {}): QaEvent {
	return {
		code,
		orgId: 'org-1',
		createdBy: 'user-1',
		title: '专家云问诊',
		description: '',
		startsAt: null,
		endsAt: null,
		settings: DEFAULT_QA_SETTINGS,
		closed: false,
		pinnedId: null,
		upNext: [],
		pollId: null,
		staff: [],
		createdAt: T0,
		version: 1,
		...over
	};
}

export function qaQuestion(id: string, over: Partial<QaQuestion> = {}): QaQuestion {
	return {
		id,
		participantId: `asker-${id}`,
		authorName: null,
		text: `问题 ${id}`,
		label: null,
		status: 'published',
		held: [],
		rejectReason: null,
		starred: false,
		answer: null,
		createdAt: T0,
		updatedAt: T0,
		version: 1,
		...over
	};
}

export function publicQuestion(
	id: string,
	votes: number | null,
	over: Partial<QaPublicQuestion> = {}
): QaPublicQuestion {
	return {
		id,
		text: `问题 ${id}`,
		authorName: null,
		label: null,
		status: 'published',
		votes,
		starred: false,
		answer: null,
		createdAt: 1,
		...over
	};
}

export function publicView(code: string, over: Partial<QaPublicView> = {}): QaPublicView {
	return {
		code,
		title: '专家云问诊',
		description: '',
		startsAt: null,
		endsAt: null,
		closed: false,
		settings: DEFAULT_QA_SETTINGS,
		questions: [],
		pinnedId: null,
		upNext: [],
		votesSeq: 10,
		poll: null,
		...over
	};
}
