// Scoring a closed question in one pass over its answers, and replaying a whole game from its stored
// answers so that stored scores can be checked against a recomputation.
import { isCorrect, type AnswerInput } from './answer';
import { optionCount, type Question, type QuizSettings } from './question';
import { scoreAnswer } from './scoring';

export interface StoredAnswer {
	playerId: string;
	answer: AnswerInput;
	elapsedMs: number;
}

export interface PlayerStanding {
	id: string;
	score: number;
	streak: number;
	correctCount: number;
	totalTimeMs: number;
}

export interface QuestionResult {
	playerId: string;
	answered: boolean;
	correct: boolean | null;
	points: number;
	bonus: number;
	streak: number;
	score: number; // total after this question
	elapsedMs: number | null;
}

/** Per-option counts (fill-in: correct/incorrect counts) for the reveal. */
export interface Distribution {
	counts: number[];
	answered: number;
	correct: number;
}

export function questionPoints(q: Question, settings: QuizSettings): number {
	return q.points ?? settings.points;
}

export function questionLimitSec(q: Question, settings: QuizSettings): number {
	return q.timeLimit ?? settings.timeLimit;
}

/** Scores every player for one question. Players who did not answer lose their streak. */
export function scoreQuestion(
	q: Question,
	settings: QuizSettings,
	limitMs: number,
	answers: StoredAnswer[],
	players: PlayerStanding[]
): { results: QuestionResult[]; standings: PlayerStanding[]; distribution: Distribution } {
	const byPlayer = new Map(answers.map((a) => [a.playerId, a]));
	// A fill-in has no options: its two counts are right and wrong.
	const width = q.type === 'fillin' ? 2 : optionCount(q);
	const distribution: Distribution = { counts: new Array(width).fill(0), answered: 0, correct: 0 };
	const results: QuestionResult[] = [];
	const standings: PlayerStanding[] = [];
	for (const p of players) {
		const a = byPlayer.get(p.id);
		if (!a) {
			const streak = q.type === 'poll' ? p.streak : 0;
			standings.push({ ...p, streak });
			results.push({
				playerId: p.id,
				answered: false,
				correct: q.type === 'poll' ? null : false,
				points: 0,
				bonus: 0,
				streak,
				score: p.score,
				elapsedMs: null
			});
			continue;
		}
		const correct = isCorrect(q, a.answer);
		distribution.answered++;
		if (correct) distribution.correct++;
		if ('choices' in a.answer) for (const c of a.answer.choices) distribution.counts[c]!++;
		else distribution.counts[correct ? 0 : 1]!++;
		const s = scoreAnswer({
			correct,
			elapsedMs: a.elapsedMs,
			limitMs,
			points: questionPoints(q, settings),
			streakBefore: p.streak,
			mode: settings.scoring
		});
		const next: PlayerStanding = {
			id: p.id,
			score: p.score + s.points,
			streak: s.streak,
			correctCount: p.correctCount + (correct ? 1 : 0),
			// Polls score nothing, so their answer time does not count towards the tie-break either.
			totalTimeMs: p.totalTimeMs + (correct === null ? 0 : Math.min(a.elapsedMs, limitMs))
		};
		standings.push(next);
		results.push({
			playerId: p.id,
			answered: true,
			correct,
			points: s.points,
			bonus: s.bonus,
			streak: s.streak,
			score: next.score,
			elapsedMs: a.elapsedMs
		});
	}
	return { results, standings, distribution };
}

export interface ClosedQuestion {
	index: number;
	limitMs: number;
	answers: StoredAnswer[];
}

/** Recomputes every player's standing from the stored answers of the questions that were scored. */
export function replayGame(
	questions: Question[],
	settings: QuizSettings,
	closed: ClosedQuestion[],
	playerIds: string[]
): PlayerStanding[] {
	let standings: PlayerStanding[] = playerIds.map((id) => ({
		id,
		score: 0,
		streak: 0,
		correctCount: 0,
		totalTimeMs: 0
	}));
	for (const c of [...closed].sort((x, y) => x.index - y.index)) {
		const q = questions[c.index];
		if (!q) continue;
		standings = scoreQuestion(q, settings, c.limitMs, c.answers, standings).standings;
	}
	return standings;
}

/** Ranking order, for callers that sort standings; the rule itself lives in ranking.ts. */
export { compareRanking as compareStandings } from './ranking';
