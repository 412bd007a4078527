// An attempt's result. Scoring: one point per right answer, scaled so that a perfect attempt is
// worth 100 whatever the number of questions (score = round(100 × right / total)), which keeps
// attempts of different lengths and the pass mark (a percent) comparable; 'best' or 'sum' over a
// participant's attempts is applied by the standings, not here. Multiple choice is right only when
// exactly right (isCorrect in answer.ts). The per-question review (right answer, explanation) is
// given only once the attempt has ended, so it never reaches a device mid-attempt.
import { correctChoices, isCorrect } from '../answer';
import type { Question } from '../question';
import { answeredCount, type Attempt } from './attempt';
import { questionOf, shownAnswer, type ShownAnswer } from './attempt-view';
import { toShown } from './option-order';

/** The full score of an attempt in points. */
export const FULL_SCORE = 100;

export interface QuestionOutcome {
	index: number;
	id: string;
	right: boolean;
	/** The participant's answer in the positions shown; null: unanswered. */
	answer: ShownAnswer | null;
	/** Correct positions as shown in this attempt (true/false: 0 = true); empty for fill-in. */
	correct: number[];
	/** Accepted fill-in answers. */
	accepted: string[];
	explanation: string | null;
}

export interface AttemptResult {
	score: number;
	correct: number;
	total: number;
	/** From the start to the submit (or to the deadline, when it expired); null while open. */
	timeUsedMs: number | null;
	/** Against the pass mark; null without one, or while open. */
	passed: boolean | null;
	/** The review; null while the attempt is open. */
	perQuestion: QuestionOutcome[] | null;
	flags: { tooFast: boolean };
}

export function scoreAttempt(
	attempt: Attempt,
	questions: ReadonlyMap<string, Question>
): AttemptResult {
	const rights = attempt.questions.map((d, i) => {
		const saved = attempt.answers[i] ?? null;
		if (!saved) return false;
		const q = questionOf(questions, d.id);
		const given = 'text' in saved ? { text: saved.text } : { choices: saved.choices };
		return isCorrect(q, given) === true;
	});
	const correct = rights.filter(Boolean).length;
	const total = attempt.questions.length;
	const score = total === 0 ? 0 : Math.round((FULL_SCORE * correct) / total);
	const ended = attempt.status !== 'open' && attempt.endedAt !== null;
	const timeUsedMs = ended ? (attempt.endedAt as number) - attempt.startedAt : null;
	const { passMark, minMsPerQuestion } = attempt.rules;
	const answered = answeredCount(attempt);
	// Faster than a plausible reading time for the questions actually answered: flagged for the
	// organiser to look at, never dropped (a fast reader is not proof of cheating).
	const tooFast =
		timeUsedMs !== null &&
		minMsPerQuestion > 0 &&
		answered > 0 &&
		timeUsedMs < minMsPerQuestion * answered;
	return {
		score,
		correct,
		total,
		timeUsedMs,
		passed: timeUsedMs === null || passMark === null ? null : score >= passMark,
		perQuestion: ended
			? attempt.questions.map((d, i) => {
					const q = questionOf(questions, d.id);
					return {
						index: i,
						id: d.id,
						right: rights[i] === true,
						answer: shownAnswer(attempt.answers[i] ?? null, d.order),
						correct: toShown(d.order, correctChoices(q)),
						accepted: q.type === 'fillin' ? [...q.answer] : [],
						explanation: q.explanation ?? null
					};
				})
			: null,
		flags: { tooFast }
	};
}
