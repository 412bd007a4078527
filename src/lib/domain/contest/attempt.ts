// One attempt's life, as a pure state machine over plain data (the stores keep it as it is):
//
//   startAttempt ──► open ──submit──────────────► submitted
//                     │  ├─recordVisibility past the limit──► submitted (reason 'visibility')
//                     │  └─answer (any number of times, changes allowed)
//                     └──the deadline passes (expire, or any later call)──► expired
//
// Time is the server's: every call takes `now`, and the deadline (startedAt + totalTimeS) closes
// the attempt at that instant exactly — an answer stamped at the deadline is refused. Whatever the
// call, an open attempt found past its deadline is closed as expired with the answers saved until
// then, and the closed attempt comes back with the refusal so the caller can store the closure.
// Answers are kept in the stored question's option indexes (see option-order.ts).
import { checkShapeOf, type AnswerInput, type AnswerShapeError } from '../answer';
import type { DrawnQuestion } from './draw';
import { toStored } from './option-order';
import type { ContestSettings } from './settings';

export type AttemptStatus = 'open' | 'submitted' | 'expired';
export type EndReason = 'submitted' | 'visibility' | 'expired';

/** A saved answer, in stored option indexes (choices sorted), and when it was last changed. */
export type SavedAnswer = ({ choices: number[] } | { text: string }) & { at: number };

/** The contest's rules an attempt keeps from its start, so an edit later cannot change it. */
export interface AttemptRules {
	visibilityLimit: number | null;
	minMsPerQuestion: number;
	passMark: number | null;
}

export interface Attempt {
	questions: DrawnQuestion[];
	/** One per question, null while unanswered. */
	answers: (SavedAnswer | null)[];
	startedAt: number;
	deadline: number;
	status: AttemptStatus;
	endedAt: number | null;
	endReason: EndReason | null;
	visibilityChanges: number;
	rules: AttemptRules;
}

export type AttemptRefusal =
	| 'CLOSED' // submitted or expired: nothing changes any more
	| 'NOT_DUE' // expire() before the deadline
	| 'BAD_INDEX' // no such question in this attempt
	| AnswerShapeError;

export type AttemptStep =
	{ ok: true; attempt: Attempt } | { ok: false; code: AttemptRefusal; attempt: Attempt };

export function startAttempt(
	drawn: readonly DrawnQuestion[],
	now: number,
	settings: Pick<
		ContestSettings,
		'totalTimeS' | 'visibilityLimit' | 'minMsPerQuestion' | 'passMark'
	>
): Attempt {
	return {
		questions: drawn.map((q) => ({ id: q.id, type: q.type, order: [...q.order] })),
		answers: drawn.map(() => null),
		startedAt: now,
		deadline: now + settings.totalTimeS * 1000,
		status: 'open',
		endedAt: null,
		endReason: null,
		visibilityChanges: 0,
		rules: {
			visibilityLimit: settings.visibilityLimit ?? null,
			minMsPerQuestion: settings.minMsPerQuestion,
			passMark: settings.passMark ?? null
		}
	};
}

/** Whether the deadline has come: at the deadline itself the attempt is closed. */
export function isDue(attempt: Attempt, now: number): boolean {
	return now >= attempt.deadline;
}

/** The attempt as it stands at `now`: an open one past its deadline is expired at the deadline. */
export function settle(attempt: Attempt, now: number): Attempt {
	if (attempt.status !== 'open' || !isDue(attempt, now)) return attempt;
	return { ...attempt, status: 'expired', endedAt: attempt.deadline, endReason: 'expired' };
}

function refuse(code: AttemptRefusal, attempt: Attempt): AttemptStep {
	return { ok: false, code, attempt };
}

function close(attempt: Attempt, now: number, reason: 'submitted' | 'visibility'): Attempt {
	return { ...attempt, status: 'submitted', endedAt: now, endReason: reason };
}

/**
 * Saves (or changes) the answer to question `index`, given in the positions the device showed.
 * Refused once the attempt is closed or due; the shape is checked as in a live quiz.
 */
export function answer(
	attempt: Attempt,
	index: number,
	input: AnswerInput,
	now: number
): AttemptStep {
	const current = settle(attempt, now);
	if (current.status !== 'open') return refuse('CLOSED', current);
	const q = Number.isInteger(index) ? current.questions[index] : undefined;
	if (!q) return refuse('BAD_INDEX', current);
	const shape = checkShapeOf(q.type, q.order.length, input);
	if (shape) return refuse(shape, current);
	let saved: SavedAnswer;
	if ('text' in input) {
		saved = { text: input.text.trim(), at: now };
	} else {
		// The shape check keeps every position within the shown options, so the mapping holds.
		saved = { choices: toStored(q.order, input.choices) ?? [], at: now };
	}
	const answers = [...current.answers];
	answers[index] = saved;
	return { ok: true, attempt: { ...current, answers } };
}

/** Submits an open attempt; one found past its deadline is expired instead (answers kept). */
export function submit(attempt: Attempt, now: number): AttemptStep {
	if (attempt.status !== 'open') return refuse('CLOSED', attempt);
	const current = settle(attempt, now);
	if (current.status !== 'open') return { ok: true, attempt: current };
	return { ok: true, attempt: close(current, now, 'submitted') };
}

/** Closes an attempt whose deadline has passed, whether or not the phone ever comes back. */
export function expire(attempt: Attempt, now: number): AttemptStep {
	if (attempt.status !== 'open') return refuse('CLOSED', attempt);
	if (!isDue(attempt, now)) return refuse('NOT_DUE', attempt);
	return { ok: true, attempt: settle(attempt, now) };
}

/**
 * Counts a tab or app switch. With a limit of N, N switches are tolerated and the next one submits
 * the attempt (with the answers saved so far).
 */
export function recordVisibility(attempt: Attempt, now: number): AttemptStep {
	const current = settle(attempt, now);
	if (current.status !== 'open') return refuse('CLOSED', current);
	const counted = { ...current, visibilityChanges: current.visibilityChanges + 1 };
	const limit = counted.rules.visibilityLimit;
	if (limit !== null && counted.visibilityChanges > limit) {
		return { ok: true, attempt: close(counted, now, 'visibility') };
	}
	return { ok: true, attempt: counted };
}

/** Questions answered so far. */
export function answeredCount(attempt: Attempt): number {
	return attempt.answers.filter((a) => a !== null).length;
}
