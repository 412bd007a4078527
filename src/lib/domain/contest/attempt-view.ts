// What the participant's device may see of an attempt while it runs: each question's text and its
// options in the attempt's own order, the answers saved so far in those positions, and the
// server's clock. Built field by field from the question, never by copying it, so the answer key,
// the explanation, the source and anything derived from them (which position is right, how many
// are right) cannot travel with it; the result (attempt-score.ts) carries them once it has ended.
import type { Question, QuestionType } from '../question';
import {
	questionDeadline,
	settle,
	type Attempt,
	type AttemptStatus,
	type SavedAnswer
} from './attempt';
import { toShown, type OptionOrder } from './option-order';

export interface ContestQuestionView {
	index: number;
	total: number;
	type: QuestionType;
	stem: string;
	/** Option texts in the order shown; empty for true/false (the page labels them) and fill-in. */
	options: string[];
}

/** A saved answer as the device gave it: shown positions, or the text. */
export type ShownAnswer = { choices: number[] } | { text: string };

export interface AttemptView {
	status: AttemptStatus;
	startedAt: number;
	deadline: number;
	/** Milliseconds left by the server's clock (0 once closed): the device's countdown. */
	remainingMs: number;
	questions: ContestQuestionView[];
	answers: (ShownAnswer | null)[];
	visibilityChanges: number;
	visibilityLimit: number | null;
	/** The per-question limit in ms (null: none), and each question's lock instant once shown. */
	perQuestionMs: number | null;
	questionDeadlines: (number | null)[];
}

/** The options of a choice question in the shown order (none for true/false and fill-in). */
function shownOptions(q: Question, order: OptionOrder): string[] {
	if (q.type !== 'single' && q.type !== 'multiple' && q.type !== 'poll') return [];
	return order.map((stored) => q.options[stored] ?? '');
}

export function shownAnswer(saved: SavedAnswer | null, order: OptionOrder): ShownAnswer | null {
	if (!saved) return null;
	return 'text' in saved ? { text: saved.text } : { choices: toShown(order, saved.choices) };
}

/** Looks a drawn question up; a missing one is a broken store, not something to guess around. */
export function questionOf(questions: ReadonlyMap<string, Question>, id: string): Question {
	const q = questions.get(id);
	if (!q) throw new Error(`attempt question ${id} is not among the questions given`);
	return q;
}

export function contestQuestionView(
	attempt: Attempt,
	index: number,
	q: Question
): ContestQuestionView {
	const drawn = attempt.questions[index];
	if (!drawn) throw new RangeError(`attempt has no question ${index}`);
	return {
		index,
		total: attempt.questions.length,
		type: drawn.type,
		stem: q.stem,
		options: shownOptions(q, drawn.order)
	};
}

export function attemptView(
	attempt: Attempt,
	questions: ReadonlyMap<string, Question>,
	now: number
): AttemptView {
	const current = settle(attempt, now);
	return {
		status: current.status,
		startedAt: current.startedAt,
		deadline: current.deadline,
		remainingMs: current.status === 'open' ? current.deadline - now : 0,
		questions: current.questions.map((d, i) =>
			contestQuestionView(current, i, questionOf(questions, d.id))
		),
		answers: current.answers.map((a, i) => shownAnswer(a, current.questions[i]?.order ?? [])),
		visibilityChanges: current.visibilityChanges,
		visibilityLimit: current.rules.visibilityLimit,
		perQuestionMs: current.rules.perQuestionMs,
		questionDeadlines: current.questions.map((_, i) => questionDeadline(current, i))
	};
}
