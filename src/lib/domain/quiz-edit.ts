// Edits to a quiz's question list, as pure functions: the form actions parse the form, call one of
// these and save what it returns. Each returns the quiz unchanged in value when there is nothing to
// do, and says so, so that an action never saves a no-op.
import type { Question, Quiz } from './question';

/** A question's position from a form value: a whole number inside the list, or null (stale). */
export function questionIndex(quiz: Quiz, raw: unknown): number | null {
	const i = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : -1;
	return i >= 0 && i < quiz.questions.length ? i : null;
}

export type MoveResult = { moved: false; at: number } | { moved: true; at: number; quiz: Quiz };

/** Moves question `index` one place up or down; at either end it stays where it is. */
export function moveQuestion(quiz: Quiz, index: number, dir: 'up' | 'down'): MoveResult {
	const to = dir === 'up' ? index - 1 : index + 1;
	if (to < 0 || to >= quiz.questions.length) return { moved: false, at: index };
	const questions = [...quiz.questions];
	const [q] = questions.splice(index, 1);
	if (q) questions.splice(to, 0, q);
	return { moved: true, at: to, quiz: { ...quiz, questions } };
}

export type DeleteResult = { ok: true; quiz: Quiz } | { ok: false; reason: 'LAST_QUESTION' };

/** Removes question `index`; a quiz keeps at least one question. */
export function deleteQuestion(quiz: Quiz, index: number): DeleteResult {
	if (quiz.questions.length <= 1) return { ok: false, reason: 'LAST_QUESTION' };
	return { ok: true, quiz: { ...quiz, questions: quiz.questions.filter((_, i) => i !== index) } };
}

/** Puts `question` at `index` (the list's length appends it). */
export function putQuestion(quiz: Quiz, index: number, question: Question): Quiz {
	const questions = [...quiz.questions];
	questions[index] = question;
	return { ...quiz, questions };
}
