// Scoring a closed question of a contest-day room: what the round needs beside the answers (stakes
// as locked, the buzzer's turns, early buzzes, who the question was for) is read and kept with the
// question's scores, the team scoreboard is worked out, and the question that ends the regular
// rounds (or a tiebreak question) says who is level on the top score.
import type { Quiz } from '../../domain/question';
import type { RoomState } from '../../domain/room';
import { scoreQuestion, type PlayerStanding, type StoredAnswer } from '../../domain/round-scoring';
import type { BuzzState } from '../../domain/rounds/buzz';
import { eligibleAt } from '../../domain/rounds/eligibility';
import { regularCount, roundAt, type RoundPosition } from '../../domain/rounds/plan';
import { scoreRoundQuestion, type QuestionExtra } from '../../domain/rounds/score-round';
import { teamBoard, teamScores, type TeamRow } from '../../domain/rounds/teams';
import { tiedForFirst } from '../../domain/rounds/wager';
import type { PlayerRecord } from '../live/port';
import type { RoomContext } from './room-context';
import { isContestDay, raceLogs, teamsOf } from './room-plan';

export interface DayScore {
	results: ReturnType<typeof scoreQuestion>['results'];
	/** Every player's standing after the question (those it was not for, unchanged). */
	standings: PlayerStanding[];
	distribution: ReturnType<typeof scoreQuestion>['distribution'];
	extra?: QuestionExtra;
	teams?: TeamRow[];
	tied?: string[];
}

const standingOf = (p: PlayerStanding): PlayerStanding => ({
	id: p.id,
	score: p.score,
	streak: p.streak,
	correctCount: p.correctCount,
	totalTimeMs: p.totalTimeMs
});

/** The buzzer's turns as judgements: the winner right, everyone else who tried wrong. */
function judgedOf(b: BuzzState | null | undefined): { playerId: string; right: boolean }[] {
	return (b?.tried ?? []).map((playerId) => ({ playerId, right: b?.winner === playerId }));
}

export class RoomDayScoring {
	constructor(private readonly ctx: RoomContext) {}

	async score(
		pin: string,
		quiz: Quiz,
		state: RoomState,
		index: number,
		answers: StoredAnswer[],
		players: PlayerRecord[],
		applied: ReadonlySet<string> = new Set()
	): Promise<DayScore> {
		const q = quiz.questions[index]!;
		const stored = new Map(players.filter((p) => applied.has(p.id)).map((p) => [p.id, p]));
		// Players an interrupted commit already reached hold their standing after this question.
		const keep = (s: PlayerStanding): PlayerStanding => {
			const p = stored.get(s.id);
			return p ? standingOf(p) : s;
		};
		if (!isContestDay(quiz)) {
			const out = scoreQuestion(q, quiz.settings, state.limitMs, answers, players);
			return stored.size > 0 ? { ...out, standings: out.standings.map(keep) } : out;
		}
		const teams = teamsOf(quiz);
		const hasTeams = teams.length > 0;
		const pos = roundAt(quiz.rounds, index);
		const extra = await this.extraOf(pin, state, index, pos);
		const seated = players.map((p) => ({
			...standingOf(p),
			teamId: p.audience ? null : (p.teamId ?? null),
			audience: p.audience ?? false
		}));
		const scored = scoreRoundQuestion(
			q,
			quiz.settings,
			state.limitMs,
			answers,
			seated,
			pos?.round ?? null,
			extra,
			hasTeams
		);
		const updated = new Map(scored.standings.map((s) => [s.id, keep(s)]));
		const standings = players.map((p) => updated.get(p.id) ?? standingOf(p));
		const rows = hasTeams
			? teamBoard(
					teams,
					seated.map((s) => ({ ...s, score: updated.get(s.id)?.score ?? s.score })),
					quiz.teams?.scoring ?? 'sum'
				)
			: undefined;
		const out: DayScore = { ...scored, standings, extra, ...(rows ? { teams: rows } : {}) };
		if (this.decidesTiebreak(quiz, index)) {
			out.tied = rows
				? tiedForFirst(teamScores(rows))
				: tiedForFirst(Object.fromEntries(standings.map((s) => [s.id, s.score])));
		}
		return out;
	}

	/** The last regular question, and every tiebreak question, decide whether play goes on. */
	private decidesTiebreak(quiz: Quiz, index: number): boolean {
		const regular = regularCount(quiz.rounds, quiz.questions.length);
		return regular < quiz.questions.length && index >= regular - 1;
	}

	private async extraOf(
		pin: string,
		state: RoomState,
		index: number,
		pos: RoundPosition | null
	): Promise<QuestionExtra> {
		if (!pos) return {};
		const live = this.ctx.live;
		const extra: QuestionExtra = { round: pos.round.type };
		const eligible = eligibleAt(pos, state.day?.order ?? [], state.day?.tied ?? null);
		if (eligible) extra.eligible = eligible;
		if (pos.round.type === 'wager') extra.stakes = await live.listStakes(pin, index);
		if (pos.round.type === 'buzz') {
			const b = state.day?.buzz;
			extra.judged = judgedOf(b);
			extra.early = (await live.readRace(pin, raceLogs.early(index))).map((e) => e.member);
			const buzzes: NonNullable<QuestionExtra['buzzes']> = [];
			for (let opening = 1; opening <= (b?.opening ?? 0); opening++) {
				const log = await live.readRace(pin, raceLogs.opening(index, opening));
				const first = log[0]?.at ?? 0;
				for (const e of log) {
					buzzes.push({ playerId: e.member, at: e.at, marginMs: e.at - first, opening });
				}
			}
			extra.buzzes = buzzes;
		}
		return extra;
	}
}
