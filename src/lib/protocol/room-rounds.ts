// The contest-day part of the room's surface (知识竞赛): rounds, teams, the electronic draw, 抢答 and
// 风险题. What the server sends never reveals an answer before its reveal, as for every question.
import { z } from 'zod';
import type { BuzzRound, RoundPlayers, RoundType } from '../domain/rounds/plan';
import type { TeamRow } from '../domain/rounds/teams';

export const ROUND_ERRORS = {
	TEAM_REQUIRED: '请选择你的队伍',
	TEAM_NOT_FOUND: '找不到这个队伍',
	ROSTER_REQUIRED: '本场按花名册分队，请输入工号',
	ROSTER_NOT_FOUND: '工号与姓名不在本单位花名册中，请核对（昵称填写本人姓名）',
	NO_TEAMS: '本场没有设置队伍',
	NOT_YOUR_TURN: '现在是其他队伍的答题回合',
	NOT_YOUR_ROUND: '本轮不向你开放作答',
	NOT_BUZZ: '这道题不是抢答题',
	TOO_EARLY: '抢答器还未开启，提前抢答无效',
	TAKEN: '已有人抢先一步',
	ALREADY_TRIED: '你已答过这道题',
	NOT_ANSWERING: '现在不是你的作答时间',
	NOT_ORAL: '这道题由答题者在手机上作答',
	NOT_WAGER: '这道题不是风险题',
	LOCKED: '题目已开始，分值已锁定',
	BAD_STAKE: '请从可选分值中选择',
	NO_STAKE_HOLDER: '观众不参与风险题下注'
} as const;

export const buzzSchema = z.object({ index: z.number().int().min(0).max(10000) });
export const stakeSchema = z.object({
	index: z.number().int().min(0).max(10000),
	stake: z.number().int().min(1).max(100000)
});
export const teamsQuerySchema = z.object({ pin: z.string().regex(/^\d{6}$/, 'PIN is 6 digits') });

/** The round the room is in (or about to start, in the intro). */
export interface RoundView {
	/** 0-based round number. */
	number: number;
	/** "第二轮 抢答题". */
	title: string;
	type: RoundType;
	/** Who may answer: everyone, team members only, the audience only. */
	players: RoundPlayers;
	/** 1-based position of the current question in the round, and the round's length. */
	questionInRound: number;
	questionsInRound: number;
	rounds: number;
	/** 风险题: the stakes to choose from. */
	stakes: number[] | null;
	/** 抢答: its settings. */
	buzz: BuzzRound | null;
}

export interface TeamSummary {
	id: string;
	name: string;
}

export interface BuzzLine {
	playerId: string;
	nickname: string;
	team: string | null;
	/** Milliseconds behind the first buzz of the same opening. */
	marginMs: number;
}

export interface BuzzView {
	phase: 'arming' | 'open' | 'answering' | 'done';
	/** Time until the buzzer opens (arming), or until it closes with nobody buzzing (open). */
	remainingMs: number;
	/** The player answering now, and their time left. */
	answering: (BuzzLine & { remainingMs: number }) | null;
	/** Who buzzed in the current opening, first first (at most 10). */
	order: BuzzLine[];
	/** Players who had their turn on this question. */
	tried: number;
	/** The host judges the answer (oral). */
	oral: boolean;
	/** Who answered right, once done (null: nobody). */
	winner: BuzzLine | null;
}

export interface StakeLine {
	holder: string;
	name: string;
	/** Null: not chosen yet (the smallest value applies once the question opens). */
	stake: number | null;
}

export interface StakeView {
	values: number[];
	/** By team (or, without teams, not listed: too many players; `chosen` counts them). */
	lines: StakeLine[];
	chosen: number;
	locked: boolean;
}

export interface DrawView {
	seed: string;
	/** Team names in drawn order. */
	order: string[];
	at: number;
}

/** The contest-day parts of the room's view; null fields where the room or phase has none. */
export interface RoundsView {
	round: RoundView | null;
	/** The teams (lobby), or their scoreboard (leaderboard, podium). */
	teams: TeamRow[] | null;
	teamScoring: 'sum' | 'mean' | null;
	/** 轮流必答 / 加赛: the teams that may answer the current question. */
	eligible: TeamSummary[] | null;
	buzz: BuzzView | null;
	stakes: StakeView | null;
	draw: DrawView | null;
	/** Teams (or players) level on the top score playing the tiebreak. */
	tied: string[] | null;
	/** Moving on from here ends the regular play: the podium is next (no tie, or no reserve left). */
	podiumNext: boolean;
}

/** What a player's phone shows of their team and role. */
export interface PlayerTeamSelf {
	teamId: string | null;
	teamName: string | null;
	teamRank: number | null;
	audience: boolean;
	/** The stake chosen for the upcoming 风险题, by this player or their team. */
	stake: number | null;
}

export interface TeamsInfo {
	teams: TeamSummary[];
	/** Whether people may join as audience (the quiz has teams; the audience plays apart). */
	audience: boolean;
	/** Players are placed by the roster: they give their employee number instead of picking. */
	roster: boolean;
}
