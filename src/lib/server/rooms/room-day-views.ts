// The contest-day parts of a room's view: the round, the team scoreboard, who a question is for,
// the buzzer with the order of buzzes, the stakes, the draw and the tiebreak. Nothing here says
// anything about an answer before its reveal.
import type { Quiz } from '../../domain/question';
import type { RoomState } from '../../domain/room';
import { buzzRoundAt, buzzSettings, settleBuzz } from '../../domain/rounds/day';
import { eligibleAt } from '../../domain/rounds/eligibility';
import {
	buzzOf,
	regularCount,
	roundAt,
	roundTitle,
	stakesOf,
	type RoundPosition
} from '../../domain/rounds/plan';
import { teamBoard, type Team, type TeamRow } from '../../domain/rounds/teams';
import type { BuzzLine, BuzzView, RoundsView, StakeView } from '../../protocol';
import type { PlayerRecord } from '../live/port';
import type { RoomContext } from './room-context';
import { isContestDay, planOf, raceLogs, teamsOf } from './room-plan';

/** Buzzes the view lists (the screen shows the first few and their margins). */
const BUZZ_LINES = 10;

export class RoomDayViews {
	constructor(private readonly ctx: RoomContext) {}

	async view(pin: string, quiz: Quiz, state: RoomState): Promise<RoundsView | null> {
		if (!isContestDay(quiz)) return null;
		const teams = teamsOf(quiz);
		const names = new Map(teams.map((t) => [t.id, t.name]));
		const pos =
			state.phase === 'lobby' || state.index < 0 ? null : roundAt(quiz.rounds, state.index);
		const day = state.day;
		const eligible = pos ? eligibleAt(pos, day?.order ?? [], day?.tied ?? null) : null;
		const inQuestion = state.phase === 'question' || state.phase === 'reveal';
		return {
			round: pos ? roundView(pos, quiz) : null,
			teams: teams.length > 0 ? await this.teamRows(pin, quiz, teams) : null,
			teamScoring: teams.length > 0 ? (quiz.teams?.scoring ?? 'sum') : null,
			eligible:
				eligible && teams.length > 0
					? eligible.map((id) => ({ id, name: names.get(id) ?? id }))
					: null,
			buzz: inQuestion ? await this.buzzView(pin, quiz, state, names) : null,
			stakes: pos?.round.type === 'wager' ? await this.stakeView(pin, state, pos, teams) : null,
			draw: day?.draw
				? {
						seed: day.draw.seed,
						order: day.draw.order.map((id) => names.get(id) ?? id),
						at: day.draw.at
					}
				: null,
			tied: day?.tied?.length ? day.tied.map((id) => names.get(id) ?? id) : null,
			podiumNext: podiumNext(quiz, state)
		};
	}

	/** The team scoreboard after the latest scored question (all zero before the first). */
	async teamRows(pin: string, quiz: Quiz, teams: Team[]): Promise<TeamRow[]> {
		const scored = await this.ctx.live.listScored(pin);
		for (let i = scored.length - 1; i >= 0; i--) {
			const rows = scored[i]!.teams;
			if (rows) return rows;
		}
		return teamBoard(teams, [], quiz.teams?.scoring ?? 'sum');
	}

	private async buzzView(
		pin: string,
		quiz: Quiz,
		state: RoomState,
		teamNames: Map<string, string>
	): Promise<BuzzView | null> {
		const pos = buzzRoundAt(planOf(quiz), state.index);
		const running = state.day?.buzz;
		if (!pos || !running) return null;
		const now = this.ctx.now();
		// While paused the buzzer's clock stands still: it is shown as it was when pausing.
		const at = state.pausedAt ?? now;
		const b = settleBuzz(running, buzzSettings(pos.round), at);
		const live = this.ctx.live;
		const log =
			b.opening > 0 ? await live.readRace(pin, raceLogs.opening(state.index, b.opening)) : [];
		const shown = log.slice(0, BUZZ_LINES);
		const ids = new Set(shown.map((e) => e.member));
		if (b.answering) ids.add(b.answering.playerId);
		if (b.winner) ids.add(b.winner);
		const players = new Map<string, PlayerRecord | null>();
		await Promise.all([...ids].map(async (id) => players.set(id, await live.getPlayer(pin, id))));
		const line = (id: string, marginMs: number): BuzzLine => {
			const p = players.get(id);
			return {
				playerId: id,
				nickname: p?.nickname ?? '—',
				team: p?.teamId ? (teamNames.get(p.teamId) ?? null) : null,
				marginMs
			};
		};
		const first = shown[0]?.at ?? 0;
		const remaining =
			b.phase === 'arming' && b.openAt !== null
				? b.openAt - at
				: b.phase === 'open' && b.closesAt !== null
					? b.closesAt - at
					: 0;
		return {
			phase: b.phase === 'ready' ? 'arming' : b.phase,
			remainingMs: Math.max(0, remaining),
			answering: b.answering
				? { ...line(b.answering.playerId, 0), remainingMs: Math.max(0, b.answering.until - at) }
				: null,
			order: shown.map((e) => line(e.member, Math.max(0, e.at - first))),
			tried: b.tried.length,
			oral: buzzOf(pos.round).oral,
			winner: b.winner ? line(b.winner, 0) : null
		};
	}

	private async stakeView(
		pin: string,
		state: RoomState,
		pos: RoundPosition,
		teams: Team[]
	): Promise<StakeView> {
		const stakes = await this.ctx.live.listStakes(pin, state.index);
		return {
			values: stakesOf(pos.round),
			lines: teams.map((t) => ({ holder: t.id, name: t.name, stake: stakes[t.id] ?? null })),
			chosen: Object.keys(stakes).length,
			locked: state.phase !== 'stake'
		};
	}
}

/** Whether the podium follows the current question (the rule room.ts's afterQuestion applies). */
function podiumNext(quiz: Quiz, state: RoomState): boolean {
	const following = state.index + 1;
	if (following >= quiz.questions.length) return true;
	return following >= regularCount(quiz.rounds, quiz.questions.length) && !state.day?.tied?.length;
}

function roundView(pos: RoundPosition, quiz: Quiz) {
	return {
		number: pos.number,
		title: roundTitle(pos),
		type: pos.round.type,
		players: pos.round.players,
		questionInRound: pos.position + 1,
		questionsInRound: pos.round.count,
		rounds: quiz.rounds?.length ?? 0,
		stakes: pos.round.type === 'wager' ? stakesOf(pos.round) : null,
		buzz: pos.round.type === 'buzz' ? buzzOf(pos.round) : null
	};
}
