// What each audience may see of a question: players and the screen get no answer key before the
// reveal; the reveal carries the key, the distribution and the explanation.
import { correctChoices, type AnswerInput } from './answer';
import type { Question, QuestionType } from './question';
import type { Phase } from './room';
import type { Distribution } from './round-scoring';

export interface PublicQuestion {
	index: number;
	total: number;
	type: QuestionType;
	stem: string;
	/** Option texts; empty for true/false (the page labels them) and fill-in. */
	options: string[];
	points: number;
	timeLimit: number;
}

export interface Reveal {
	index: number;
	/** Correct option indexes (true/false: 0 = true); empty for polls and fill-in. */
	correct: number[];
	/** Accepted fill-in answers, shown only now. */
	accepted: string[];
	distribution: Distribution;
	explanation: string | null;
	source: string | null;
}

export function publicQuestion(
	q: Question,
	index: number,
	total: number,
	points: number,
	timeLimit: number
): PublicQuestion {
	return {
		index,
		total,
		type: q.type,
		stem: q.stem,
		options: q.type === 'truefalse' || q.type === 'fillin' ? [] : [...q.options],
		points: q.type === 'poll' ? 0 : points,
		timeLimit
	};
}

export function revealOf(q: Question, index: number, distribution: Distribution): Reveal {
	return {
		index,
		correct: correctChoices(q),
		accepted: q.type === 'fillin' ? [...q.answer] : [],
		distribution,
		explanation: q.explanation ?? null,
		source: q.source ?? null
	};
}

export type { AnswerInput };

/**
 * Who is sent a room's view in a phase. A phone keeps its result (points, rank, total) on screen
 * from a question's reveal until the next step, as on the big screen's leaderboard step it has
 * nothing new to show: that step goes to hosts and screens only, and saves every phone a frame
 * per question. A phone that (re)joins then is sent the view on joining, as in any phase.
 */
export function viewAudience(phase: Phase): 'everyone' | 'staff' {
	return phase === 'leaderboard' ? 'staff' : 'everyone';
}
