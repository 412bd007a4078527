// Scoring a closed question of a contest-day round, and replaying a whole contest from what was
// stored (answers, buzzes, judgements, stakes), so that stored scores can be checked against a
// recomputation. Plain questions score as every quiz question does (round-scoring.ts); 抢答 gives
// the question's points to the player judged right, minus early-buzz penalties; 风险题 gains or
// loses the stake of the player's team (or their own, without teams).
import { isCorrect } from '../answer';
import type { Question, QuizSettings } from '../question';
import {
	questionPoints,
	scoreQuestion,
	type Distribution,
	type PlayerStanding,
	type QuestionResult,
	type StoredAnswer
} from '../round-scoring';
import { optionCount } from '../question';
import { answerBar, type Seat } from './eligibility';
import { buzzOf, roundAt, stakesOf, type Round, type RoundType } from './plan';

/** What a contest-day question keeps beside its answers: enough to score it again. */
export interface QuestionExtra {
	round?: RoundType;
	/** 风险题: stakes by holder (team id, or player id without teams), as locked at opening. */
	stakes?: Record<string, number>;
	/** 抢答: every buzz in receipt order across the question's openings, with its margin. */
	buzzes?: { playerId: string; at: number; marginMs: number; opening: number }[];
	/** 抢答: players who buzzed before the buzzer opened (penalised once each with a penalty set). */
	early?: string[];
	/** 抢答: the players who had their turn, in order, and whether they were right. */
	judged?: { playerId: string; right: boolean }[];
	/** Team (or, without teams, player) ids a turn or tiebreak question was for. */
	eligible?: string[];
}

export type SeatedStanding = PlayerStanding & Seat;

export interface RoundScore {
	results: QuestionResult[];
	standings: PlayerStanding[];
	distribution: Distribution;
}

/** Scores one question in its round; players who may not answer it keep their standing. */
export function scoreRoundQuestion(
	q: Question,
	settings: QuizSettings,
	limitMs: number,
	answers: StoredAnswer[],
	players: SeatedStanding[],
	round: Round | null,
	extra: QuestionExtra,
	hasTeams: boolean
): RoundScore {
	const eligible = extra.eligible ?? null;
	const seated = players.filter((p) => answerBar(round, eligible, p, hasTeams) === null);
	const allowed = new Set(seated.map((p) => p.id));
	const own = answers.filter((a) => allowed.has(a.playerId));
	const plain = (list: SeatedStanding[]) =>
		scoreQuestion(q, settings, limitMs, own, list.map(standing));
	if (!round || round.type === 'all' || round.type === 'turn' || round.type === 'tiebreak') {
		return plain(seated);
	}
	if (round.type === 'buzz') return scoreBuzz(q, settings, own, seated, round, extra);
	return scoreWager(q, own, seated, round, extra, hasTeams, limitMs);
}

const standing = (p: PlayerStanding): PlayerStanding => ({
	id: p.id,
	score: p.score,
	streak: p.streak,
	correctCount: p.correctCount,
	totalTimeMs: p.totalTimeMs
});

function emptyDistribution(q: Question): Distribution {
	const width = q.type === 'fillin' ? 2 : optionCount(q);
	return { counts: new Array(width).fill(0), answered: 0, correct: 0 };
}

function countAnswer(d: Distribution, q: Question, a: StoredAnswer, correct: boolean | null) {
	d.answered++;
	if (correct) d.correct++;
	if ('choices' in a.answer) for (const c of a.answer.choices) d.counts[c] = (d.counts[c] ?? 0) + 1;
	else d.counts[correct ? 0 : 1]!++;
}

function scoreBuzz(
	q: Question,
	settings: QuizSettings,
	answers: StoredAnswer[],
	players: SeatedStanding[],
	round: Round,
	extra: QuestionExtra
): RoundScore {
	const points = questionPoints(q, settings);
	const penalty = buzzOf(round).earlyPenalty;
	const judged = new Map((extra.judged ?? []).map((j) => [j.playerId, j.right]));
	const early = new Set(penalty > 0 ? (extra.early ?? []) : []);
	const winner = (extra.judged ?? []).find((j) => j.right)?.playerId ?? null;
	const distribution = emptyDistribution(q);
	for (const a of answers) countAnswer(distribution, q, a, isCorrect(q, a.answer));
	// An oral answer is judged without a device answer: it counts as answered all the same.
	for (const [id, right] of judged) {
		if (answers.some((a) => a.playerId === id)) continue;
		distribution.answered++;
		if (right) distribution.correct++;
	}
	const results: QuestionResult[] = [];
	const standings: PlayerStanding[] = [];
	for (const p of players) {
		const right = judged.get(p.id);
		const gained = (p.id === winner ? points : 0) - (early.has(p.id) ? penalty : 0);
		const next: PlayerStanding = {
			...standing(p),
			score: p.score + gained,
			streak: right === undefined ? p.streak : right ? p.streak + 1 : 0,
			correctCount: p.correctCount + (p.id === winner ? 1 : 0)
		};
		standings.push(next);
		const a = answers.find((x) => x.playerId === p.id);
		results.push({
			playerId: p.id,
			answered: right !== undefined,
			correct: right ?? null,
			points: gained,
			bonus: 0,
			streak: next.streak,
			score: next.score,
			elapsedMs: a?.elapsedMs ?? null
		});
	}
	return { results, standings, distribution };
}

function scoreWager(
	q: Question,
	answers: StoredAnswer[],
	players: SeatedStanding[],
	round: Round,
	extra: QuestionExtra,
	hasTeams: boolean,
	limitMs: number
): RoundScore {
	const smallest = stakesOf(round)[0]!;
	const byPlayer = new Map(answers.map((a) => [a.playerId, a]));
	const distribution = emptyDistribution(q);
	const results: QuestionResult[] = [];
	const standings: PlayerStanding[] = [];
	for (const p of players) {
		const holder = hasTeams ? p.teamId : p.id;
		const stake = (holder !== null ? extra.stakes?.[holder] : undefined) ?? smallest;
		const a = byPlayer.get(p.id);
		const correct = a ? isCorrect(q, a.answer) : false;
		if (a) countAnswer(distribution, q, a, correct);
		// A poll has no right answer: nothing is staked on it.
		const gained = correct === null ? 0 : correct ? stake : -stake;
		const next: PlayerStanding = {
			id: p.id,
			score: p.score + gained,
			streak: correct ? p.streak + 1 : correct === null ? p.streak : 0,
			correctCount: p.correctCount + (correct ? 1 : 0),
			totalTimeMs: p.totalTimeMs + (a && correct !== null ? Math.min(a.elapsedMs, limitMs) : 0)
		};
		standings.push(next);
		results.push({
			playerId: p.id,
			answered: a !== undefined,
			correct,
			points: gained,
			bonus: 0,
			streak: next.streak,
			score: next.score,
			elapsedMs: a?.elapsedMs ?? null
		});
	}
	return { results, standings, distribution };
}

export interface ClosedRoundQuestion {
	index: number;
	limitMs: number;
	answers: StoredAnswer[];
	extra: QuestionExtra;
}

/** Recomputes every player's standing from the stored answers, buzzes and stakes. */
export function replayContest(
	questions: readonly Question[],
	settings: QuizSettings,
	rounds: readonly Round[] | undefined,
	closed: readonly ClosedRoundQuestion[],
	seats: readonly Seat[],
	hasTeams: boolean
): PlayerStanding[] {
	const byId = new Map<string, SeatedStanding>(
		seats.map((s) => [s.id, { ...s, score: 0, streak: 0, correctCount: 0, totalTimeMs: 0 }])
	);
	for (const c of [...closed].sort((x, y) => x.index - y.index)) {
		const q = questions[c.index];
		if (!q) continue;
		const pos = roundAt(rounds, c.index);
		const scored = scoreRoundQuestion(
			q,
			settings,
			c.limitMs,
			c.answers,
			[...byId.values()],
			pos?.round ?? null,
			c.extra,
			hasTeams
		);
		for (const s of scored.standings) {
			const seat = byId.get(s.id)!;
			byId.set(s.id, { ...seat, ...s });
		}
	}
	return [...byId.values()].map(standing);
}
