// What clients see of a room: the shared view (never an answer before its reveal) and each
// player's own result after a question closes.
import type { RoomState } from '../../domain/room';
import { remainingMs } from '../../domain/room';
import { questionLimitSec, questionPoints } from '../../domain/round-scoring';
import { publicQuestion, revealOf } from '../../domain/view';
import type { LeaderRow, PlayerResult, RoomView } from '../../protocol';
import type { RankedResult } from '../live/port';
import type { RoomContext } from './room-context';
import { RoomDayViews } from './room-day-views';
import { teamsOf } from './room-plan';

const LEADERBOARD_SIZE = 10;

/** The results of the given players among `all` (a player without one is left out). */
function pick(all: readonly RankedResult[], playerIds: string[]): RankedResult[] {
	const wanted = new Set(playerIds);
	return all.filter((r) => wanted.has(r.playerId));
}

export class RoomViews {
	readonly day: RoomDayViews;

	constructor(private readonly ctx: RoomContext) {
		this.day = new RoomDayViews(ctx);
	}

	/** `count`: the room's players, when the caller has just read it. */
	async view(pin: string, known?: RoomState, count?: number): Promise<RoomView> {
		const state = known ?? (await this.ctx.state(pin));
		const { quiz, orgId } = await this.ctx.fixedOf(pin);
		const live = this.ctx.live;
		const now = this.ctx.now();
		const q = state.index >= 0 ? quiz.questions[state.index] : undefined;
		const showQuestion = q && (state.phase === 'question' || state.phase === 'reveal');
		let reveal: RoomView['reveal'] = null;
		if (q && state.phase === 'reveal') {
			const scored = await live.getScored(pin, state.index);
			if (scored) reveal = revealOf(q, state.index, scored.distribution);
		}
		let leaderboard: LeaderRow[] | null = null;
		if (state.phase === 'leaderboard' || state.phase === 'podium' || state.phase === 'ended') {
			const top = await live.leaderboard(pin, LEADERBOARD_SIZE);
			const teamNames = new Map(teamsOf(quiz).map((t) => [t.id, t.name]));
			leaderboard = top.map((p, i) => ({
				rank: i + 1,
				playerId: p.id,
				nickname: p.nickname,
				score: p.score,
				...(teamNames.size > 0 ? { team: p.teamId ? (teamNames.get(p.teamId) ?? null) : null } : {})
			}));
		}
		return {
			pin,
			title: state.title,
			phase: state.phase,
			index: state.index,
			questionCount: state.questionCount,
			locked: state.locked,
			allowLateJoin: state.allowLateJoin,
			playerCount: count ?? (await live.playerCount(pin)),
			paused: state.pausedAt !== null,
			remainingMs: remainingMs(state, now),
			autoAdvance: state.autoAdvance,
			// An organisation's results are for its members; a quick room's are public by link.
			publicResults: orgId === null,
			phaseRemainingMs: state.phaseEndsAt === null ? null : Math.max(0, state.phaseEndsAt - now),
			limitMs: state.limitMs,
			serverNow: now,
			question: showQuestion
				? publicQuestion(
						q,
						state.index,
						quiz.questions.length,
						questionPoints(q, quiz.settings),
						questionLimitSec(q, quiz.settings)
					)
				: null,
			reveal,
			leaderboard,
			rounds: await this.day.view(pin, quiz, state),
			...(state.pendingScore !== undefined ? { scoring: true as const } : {}),
			...(state.pendingSave ? { saving: true as const } : {})
		};
	}

	/**
	 * Results of question `index` for the given players, ready to send to each. `known`: the
	 * question's results as this process just committed them, used instead of reading them back.
	 */
	async results(
		pin: string,
		index: number,
		playerIds: string[],
		known?: readonly RankedResult[]
	): Promise<Map<string, PlayerResult>> {
		const out = new Map<string, PlayerResult>();
		if (playerIds.length === 0) return out;
		const live = this.ctx.live;
		const [rows, playerCount] = await Promise.all([
			known ? pick(known, playerIds) : live.getResults(pin, index, playerIds),
			live.playerCount(pin)
		]);
		for (const r of rows) {
			if (!r) continue;
			out.set(r.playerId, {
				index,
				answered: r.answered,
				correct: r.correct,
				points: r.points,
				bonus: r.bonus,
				streak: r.streak,
				score: r.score,
				rank: r.rank,
				playerCount
			});
		}
		return out;
	}
}
