// A quiz divided into rounds (知识竞赛): each round a run of consecutive questions with a type and
// its own settings, and the teams a room plays in. Part of the quiz's content, validated with it.
import { z } from 'zod';
import { QUIZ_QUESTIONS } from '../limits';

export const ROUND_TYPES = ['all', 'turn', 'buzz', 'wager', 'tiebreak'] as const;
export type RoundType = (typeof ROUND_TYPES)[number];

/** What the screen and phones call each type ("第二轮 抢答题"). */
export const ROUND_LABELS: Record<RoundType, string> = {
	all: '必答题',
	turn: '轮流必答',
	buzz: '抢答题',
	wager: '风险题',
	tiebreak: '加赛'
};

/** Who may answer a round's questions: everyone, team members only, or the audience only. */
export const ROUND_PLAYERS = ['everyone', 'teams', 'audience'] as const;
export type RoundPlayers = (typeof ROUND_PLAYERS)[number];

export const ROUNDS_MAX = 12;
export const TEAMS_MAX = 60;
export const TEAM_NAME_MAX = 20;
export const STAKE_MAX = 1000;

export const buzzRoundSchema = z.object({
	/** The "get ready" countdown after the question shows, before the buzzer opens. */
	armSec: z.number().int().min(0).max(10).default(3),
	/** How long the buzzer stays open with nobody buzzing. */
	openSec: z.number().int().min(3).max(120).default(15),
	/** How long the first to buzz has to answer. */
	answerSec: z.number().int().min(3).max(120).default(20),
	/** A wrong answer (or none in time) passes the question to those who have not tried. */
	passOnWrong: z.boolean().default(true),
	/** Points taken for buzzing before the buzzer opens (once per question); 0: refused only. */
	earlyPenalty: z.number().int().min(0).max(STAKE_MAX).default(0),
	/** The host marks the answer right or wrong (oral answers); otherwise the device's answer counts. */
	oral: z.boolean().default(false)
});
export type BuzzRound = z.infer<typeof buzzRoundSchema>;

export const roundSchema = z.object({
	type: z.enum(ROUND_TYPES),
	title: z.string().trim().max(30).optional(),
	/** How many of the quiz's questions, in order, this round takes. */
	count: z.number().int().min(1).max(QUIZ_QUESTIONS.max),
	players: z.enum(ROUND_PLAYERS).default('everyone'),
	buzz: buzzRoundSchema.optional(),
	/** 风险题: the stakes a team (or a player without teams) may choose from. */
	stakes: z
		.array(z.number().int().min(1).max(STAKE_MAX))
		.min(1)
		.max(5)
		.refine((s) => new Set(s).size === s.length, '分值不能重复')
		.optional()
});
export type Round = z.infer<typeof roundSchema>;

export const TEAM_SCORING = ['sum', 'mean'] as const;
export type TeamScoring = (typeof TEAM_SCORING)[number];

export const teamsSchema = z.object({
	/** sum: on-stage teams; mean: mass contests (members' mean, shown with participation). */
	scoring: z.enum(TEAM_SCORING).default('sum'),
	list: z
		.array(
			z.object({
				name: z.string().trim().min(1).max(TEAM_NAME_MAX),
				/** The department's size, for the participation rate (mass contests). */
				headcount: z.number().int().min(1).max(1_000_000).optional()
			})
		)
		.max(TEAMS_MAX)
		.refine((l) => new Set(l.map((t) => t.name)).size === l.length, '队名不能重复')
		.default([]),
	/** The teams are the organisation's departments, taken when the room opens. */
	fromDepartments: z.boolean().default(false),
	/**
	 * Players are placed by the organisation's roster: they give their employee number and name, and
	 * their team is their roster unit (so nobody can play for another department).
	 */
	fromRoster: z.boolean().default(false)
});
export type TeamsSettings = z.infer<typeof teamsSchema>;

export const DEFAULT_STAKES = [10, 20, 30] as const;

export function stakesOf(round: Round): number[] {
	return [...(round.stakes ?? DEFAULT_STAKES)].sort((a, b) => a - b);
}

export function buzzOf(round: Round): BuzzRound {
	return round.buzz ?? buzzRoundSchema.parse({});
}

/** Checks rounds against the quiz they divide; issues are added at `path`. */
export function checkRounds(
	rounds: readonly Round[],
	questionCount: number,
	hasTeams: boolean,
	ctx: z.RefinementCtx
): void {
	const total = rounds.reduce((n, r) => n + r.count, 0);
	if (total !== questionCount) {
		ctx.addIssue({
			code: 'custom',
			path: ['rounds'],
			message: `各轮题数之和（${total}）须等于题目总数（${questionCount}）`
		});
	}
	rounds.forEach((r, i) => {
		if (r.type === 'tiebreak' && i !== rounds.length - 1) {
			ctx.addIssue({ code: 'custom', path: ['rounds', i, 'type'], message: '加赛须是最后一轮' });
		}
		// The audience is those who join outside the teams: without teams there is none.
		if ((r.type === 'turn' || r.players !== 'everyone') && !hasTeams) {
			ctx.addIssue({
				code: 'custom',
				path: ['rounds', i, 'type'],
				message: '轮流必答、仅限队伍或仅限观众的轮次需要先设置队伍'
			});
		}
	});
}

/** Where question `index` sits in the quiz's rounds; null for a quiz without rounds. */
export interface RoundPosition {
	round: Round;
	/** 0-based round number. */
	number: number;
	/** Index of the round's first question in the quiz. */
	start: number;
	/** 0-based position of the question within its round. */
	position: number;
}

export function roundAt(rounds: readonly Round[] | undefined, index: number): RoundPosition | null {
	if (!rounds || rounds.length === 0 || index < 0) return null;
	let start = 0;
	for (let n = 0; n < rounds.length; n++) {
		const round = rounds[n]!;
		if (index < start + round.count) return { round, number: n, start, position: index - start };
		start += round.count;
	}
	return null;
}

/** The index of the first tiebreak question, or the question count when there is no tiebreak. */
export function regularCount(rounds: readonly Round[] | undefined, questionCount: number): number {
	const last = rounds?.[rounds.length - 1];
	return last?.type === 'tiebreak' ? questionCount - last.count : questionCount;
}

/** "第二轮" for round number 1 (0-based). */
export function roundOrdinal(number: number): string {
	const digits = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
	const n = number + 1;
	if (n <= 10) return `第${digits[n - 1]}轮`;
	return `第${n < 20 ? '十' + digits[n - 11] : n}轮`;
}

export function roundTitle(p: RoundPosition): string {
	return `${roundOrdinal(p.number)} ${p.round.title || ROUND_LABELS[p.round.type]}`;
}
