// Applying commands to a room: the pure domain decides, compare-and-set on the state's version
// serialises concurrent commands from several processes, and the winner alone runs the effects.
import { rankTable } from '../../domain/ranking';
import type { Quiz } from '../../domain/question';
import { applyCommand, nextTimer, type RoomCommand, type RoomState } from '../../domain/room';
import { questionLimitSec, scoreQuestion } from '../../domain/round-scoring';
import type { RankedResult } from '../live/port';
import { RoomError } from './errors';
import type { RoomArchive } from './room-archive';
import type { RoomContext } from './room-context';
import type { RoomViews } from './room-views';

const CAS_RETRIES = 8;

export class RoomTransitions {
	constructor(
		private readonly ctx: RoomContext,
		private readonly views: RoomViews,
		private readonly archive: RoomArchive
	) {}

	async apply(pin: string, cmd: RoomCommand): Promise<RoomState> {
		const quiz = await this.ctx.quizOf(pin);
		const limitOf = (i: number) => {
			const q = quiz.questions[i];
			return q ? questionLimitSec(q, quiz.settings) : quiz.settings.timeLimit;
		};
		const live = this.ctx.live;
		for (let attempt = 0; attempt < CAS_RETRIES; attempt++) {
			const state = await this.ctx.state(pin);
			const t = applyCommand(state, cmd, this.ctx.now(), limitOf);
			if (!t.ok) throw new RoomError(t.code, t.message);
			if (!(await live.casState(pin, state.version, t.state))) continue;
			const closed = t.effects.some((e) => e.type === 'questionClosed');
			if (closed) await this.score(pin, quiz, t.state);
			if (t.state.phase === 'ended') await this.archive.finish(pin, quiz, t.state);
			const broadcast = this.ctx.broadcast;
			broadcast.stateChanged(pin);
			broadcast.view(pin, await this.views.view(pin, t.state));
			if (closed) broadcast.resultsReady(pin, t.state.index);
			return t.state;
		}
		throw new RoomError('STALE');
	}

	/** The clock's next job for the room, from the domain's next timer. */
	async nextJob(pin: string) {
		const state = await this.ctx.live.getState(pin);
		if (!state || state.phase === 'ended') return 'ended' as const;
		const timer = nextTimer(state);
		if (!timer) return null;
		return { at: timer.at, fire: async () => void (await this.apply(pin, timer.command)) };
	}

	/** One pass over the question's answers: results, standings and leaderboard in one write. */
	private async score(pin: string, quiz: Quiz, state: RoomState): Promise<void> {
		const q = quiz.questions[state.index];
		if (!q) return;
		const live = this.ctx.live;
		const [answers, players] = await Promise.all([
			live.listAnswers(pin, state.index),
			live.listPlayers(pin)
		]);
		const active = players.filter((p) => !p.kicked);
		const { results, standings, distribution } = scoreQuestion(
			q,
			quiz.settings,
			state.limitMs,
			answers,
			active
		);
		// The same rule as the store's leaderboard and rankOf, so that the rank in a player's
		// result matches their row on the leaderboard.
		const rankOf = rankTable(standings);
		const ranked: RankedResult[] = results.map((r) => ({
			...r,
			rank: rankOf.get(r.playerId) ?? null
		}));
		await live.commitScores(
			pin,
			{ index: state.index, limitMs: state.limitMs, distribution },
			ranked,
			standings
		);
	}
}
