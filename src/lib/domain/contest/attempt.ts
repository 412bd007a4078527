// One attempt's life, as a pure state machine over plain data (the stores keep it as it is):
//
//   startAttempt ──► open ──submit──────────────► submitted
//                     │  ├─recordVisibility past the limit──► submitted (reason 'visibility')
//                     │  └─answer (any number of times, changes allowed)
//                     └──the deadline passes (expire, or any later call)──► expired
//
// With a per-question limit (perQuestionS), each question has its own deadline too, counted from
// when it was first shown (showQuestion, or its first answer): past it, its answer is locked as
// it stands, while the rest of the attempt goes on until the total deadline.
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
	/** Each question's own limit from when it is first shown; null: only the total limit. */
	perQuestionMs: number | null;
}

export interface Attempt {
	questions: DrawnQuestion[];
	/** One per question, null while unanswered. */
	answers: (SavedAnswer | null)[];
	/** When each question was first shown (per-question limits count from then); null: not yet. */
	shownAt: (number | null)[];
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
	| 'QUESTION_TIME_UP' // the question's own limit has passed: its answer is locked
	| AnswerShapeError;

export type AttemptStep =
	{ ok: true; attempt: Attempt } | { ok: false; code: AttemptRefusal; attempt: Attempt };

export function startAttempt(
	drawn: readonly DrawnQuestion[],
	now: number,
	settings: Pick<
		ContestSettings,
		'totalTimeS' | 'visibilityLimit' | 'minMsPerQuestion' | 'passMark' | 'perQuestionS'
	>
): Attempt {
	return {
		questions: drawn.map((q) => ({ id: q.id, type: q.type, order: [...q.order] })),
		answers: drawn.map(() => null),
		shownAt: drawn.map(() => null),
		startedAt: now,
		deadline: now + settings.totalTimeS * 1000,
		status: 'open',
		endedAt: null,
		endReason: null,
		visibilityChanges: 0,
		rules: {
			visibilityLimit: settings.visibilityLimit ?? null,
			minMsPerQuestion: settings.minMsPerQuestion,
			passMark: settings.passMark ?? null,
			perQuestionMs: settings.perQuestionS === undefined ? null : settings.perQuestionS * 1000
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

/** When question `index` locks: its own limit from when it was shown, never after the total. */
export function questionDeadline(attempt: Attempt, index: number): number | null {
	const limit = attempt.rules.perQuestionMs;
	const shown = attempt.shownAt[index];
	if (limit === null || shown === null || shown === undefined) return null;
	return Math.min(shown + limit, attempt.deadline);
}

/**
 * Marks question `index` as shown (its own clock starts then, once). A question shown already,
 * or an attempt without per-question limits, is returned unchanged.
 */
export function showQuestion(attempt: Attempt, index: number, now: number): AttemptStep {
	const current = settle(attempt, now);
	if (current.status !== 'open') return refuse('CLOSED', current);
	if (!Number.isInteger(index) || !current.questions[index]) return refuse('BAD_INDEX', current);
	const shownAlready = current.shownAt[index] !== null && current.shownAt[index] !== undefined;
	if (shownAlready || current.rules.perQuestionMs === null) return { ok: true, attempt: current };
	const shownAt = [...current.shownAt];
	shownAt[index] = now;
	return { ok: true, attempt: { ...current, shownAt } };
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
	// An answer to a question never shown starts its clock now (the page shows before it answers).
	const shown = showQuestion(current, index, now).attempt;
	const lock = questionDeadline(shown, index);
	if (lock !== null && now >= lock) return refuse('QUESTION_TIME_UP', current);
	let saved: SavedAnswer;
	if ('text' in input) {
		saved = { text: input.text.trim(), at: now };
	} else {
		// The shape check keeps every position within the shown options, so the mapping holds.
		saved = { choices: toStored(q.order, input.choices) ?? [], at: now };
	}
	const answers = [...shown.answers];
	answers[index] = saved;
	return { ok: true, attempt: { ...shown, answers } };
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
