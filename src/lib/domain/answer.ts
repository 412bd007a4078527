// What a player submits, and whether it is right. Pure: no clock, no I/O.
import type { Question, QuestionType } from './question';
import { LETTERS, optionCount } from './question';

/** A player's answer: option indexes for choice questions, text for fill-in. */
export type AnswerInput = { choices: number[] } | { text: string };

export type AnswerShapeError = 'WRONG_KIND' | 'BAD_CHOICE' | 'TOO_MANY' | 'EMPTY';

/** Checks that an answer fits the question's shape (not whether it is right). */
export function checkAnswerShape(q: Question, a: AnswerInput): AnswerShapeError | null {
	return checkShapeOf(q.type, optionCount(q), a);
}

/**
 * The same check from a question's type and choice count alone, for callers that keep only those
 * (a contest attempt holds ids and option orders, not the questions' content).
 */
export function checkShapeOf(
	type: QuestionType,
	n: number,
	a: AnswerInput
): AnswerShapeError | null {
	if (type === 'fillin') {
		if (!('text' in a)) return 'WRONG_KIND';
		return normaliseText(a.text) ? null : 'EMPTY';
	}
	if (!('choices' in a)) return 'WRONG_KIND';
	if (a.choices.length === 0) return 'EMPTY';
	if (hasRepeat(a.choices)) return 'BAD_CHOICE';
	if (a.choices.some((c) => !Number.isInteger(c) || c < 0 || c >= n)) return 'BAD_CHOICE';
	if (type !== 'multiple' && a.choices.length !== 1) return 'TOO_MANY';
	return null;
}

/**
 * Whether a choice appears twice. Compared pairwise: a choice list is a few items (at most the
 * options), and this runs on every answer, where a Set per answer was garbage to collect.
 */
function hasRepeat(choices: readonly number[]): boolean {
	for (let i = 1; i < choices.length; i++) {
		for (let j = 0; j < i; j++) if (choices[i] === choices[j]) return true;
	}
	return false;
}

/** Fill-in matching ignores case, spaces, full-width forms and trailing punctuation. */
export function normaliseText(s: string): string {
	return s
		.normalize('NFKC')
		.toLowerCase()
		.replace(/[\s\u3000]+/g, '')
		.replace(/[。．.，,！!？?；;：:、"'“”‘’]+$/u, '');
}

/** The option indexes that are correct (true/false: 0 = true, 1 = false). */
export function correctChoices(q: Question): number[] {
	switch (q.type) {
		case 'single':
			return [LETTERS.indexOf(q.answer)];
		case 'multiple':
			return q.answer.map((l) => LETTERS.indexOf(l)).sort((x, y) => x - y);
		case 'truefalse':
			return [q.answer ? 0 : 1];
		default:
			return [];
	}
}

/** Whether an answer is right; null for polls, which have no right answer. */
export function isCorrect(q: Question, a: AnswerInput): boolean | null {
	if (q.type === 'poll') return null;
	if (q.type === 'fillin') {
		if (!('text' in a)) return false;
		const given = normaliseText(a.text);
		return q.answer.some((acc) => normaliseText(acc) === given);
	}
	if (!('choices' in a)) return false;
	const want = correctChoices(q);
	const got = [...a.choices].sort((x, y) => x - y);
	// Multiple choice is all-or-nothing.
	return want.length === got.length && want.every((w, i) => w === got[i]);
}
