// Applying commands to a room: the pure domain decides, compare-and-set on the state's version
// serialises concurrent commands from several processes, and the winner alone runs the effects.
// Work that must survive a crash or a store outage (scoring a closed question, saving the finished
// game) is marked pending in the state by the same write, done at once when it can be, and
// otherwise finished by whichever process holds the room's clock; done, it is announced once.
import type { Quiz } from '../../domain/question';
import { rankTable } from '../../domain/ranking';
import {
	applyCommand,
	mustFinishFirst,
	nextTimer,
	pendingTask,
	type RoomCommand,
	type RoomState,
	type RoomTask
} from '../../domain/room';
import { questionLimitSec } from '../../domain/round-scoring';
import type { RankedResult } from '../live/port';
import { RoomDayScoring } from './room-day-scoring';
import { planOf } from './room-plan';
import { RoomError } from './errors';
import type { RoomArchive } from './room-archive';
import type { RoomContext } from './room-context';
import type { RoomViews } from './room-views';
import { log } from '../log';

const CAS_RETRIES = 8;

export class RoomTransitions {
	constructor(
		private readonly ctx: RoomContext,
		private readonly views: RoomViews,
		private readonly archive: RoomArchive
	) {
		this.day = new RoomDayScoring(ctx);
	}

	private readonly day: RoomDayScoring;

	/** `scored`: with a `scored` command, the results it announces (just committed here). */
	async apply(pin: string, cmd: RoomCommand, scored?: readonly RankedResult[]): Promise<RoomState> {
		const quiz = await this.ctx.quizOf(pin);
		const plan = planOf(quiz);
		const limitOf = (i: number) => {
			const q = quiz.questions[i];
			return q ? questionLimitSec(q, quiz.settings) : quiz.settings.timeLimit;
		};
		for (let attempt = 0; attempt < CAS_RETRIES; attempt++) {
			const state = await this.ctx.state(pin);
			const first = mustFinishFirst(state, cmd);
			if (first) {
				if (!(await this.tryTask(pin, quiz, first))) {
					throw new RoomError('STALE', '正在计算本题成绩，请稍候再试');
				}
				continue; // the state moved on (scored): read it again
			}
			const t = applyCommand(state, cmd, this.ctx.now(), limitOf, plan);
			if (!t.ok) throw new RoomError(t.code, t.message);
			if (!(await this.ctx.live.casState(pin, state.version, t.state))) continue;
			for (const e of t.effects) {
				if (e.type === 'saved') await this.ctx.live.markInactive(pin);
			}
			// Pending work is done now if the store allows; its own `scored`/`saved` step then
			// announces the outcome. If it fails, the clock finishes it (stateChanged reaches it).
			const task = pendingTask(t.state);
			if (task && (await this.tryTask(pin, quiz, task))) return this.ctx.state(pin);
			const revealed = t.effects.some((e) => e.type === 'questionScored');
			await this.announce(pin, t.state, revealed, scored);
			return t.state;
		}
		throw new RoomError('STALE');
	}

	/** The clock's next job for the room, from the domain's next timer. */
	async nextJob(pin: string) {
		const state = await this.ctx.live.getState(pin);
		if (!state) return 'ended' as const;
		const timer = nextTimer(state);
		if (!timer) return state.phase === 'ended' ? ('ended' as const) : null;
		const { command } = timer;
		const fire =
			command.type === 'finishScoring' || command.type === 'finishSaving'
				? async () => {
						await this.runTask(pin, await this.ctx.quizOf(pin), command);
					}
				: async () => void (await this.apply(pin, command));
		return { at: timer.at, fire };
	}

	/**
	 * `revealed`: the question was just scored, so its reveal goes out with each player's result
	 * (`scored`: the results, when this process computed them; otherwise read from the store).
	 */
	private async announce(
		pin: string,
		state: RoomState,
		revealed: boolean,
		scored?: readonly RankedResult[]
	) {
		const broadcast = this.ctx.broadcast;
		broadcast.stateChanged(pin);
		const view = await this.views.view(pin, state);
		if (revealed) broadcast.revealed(pin, view, scored);
		else broadcast.view(pin, view);
	}

	/** Runs a pending task inline; false (logged) when the store failed, for the clock to finish. */
	private async tryTask(pin: string, quiz: Quiz, task: RoomTask): Promise<boolean> {
		try {
			await this.runTask(pin, quiz, task);
			return true;
		} catch (e) {
			if (!(e instanceof RoomError)) log.warn({ err: e, pin }, 'room work left to the clock');
			return false;
		}
	}

	/** Does the task's work (idempotent) and marks it done, which announces it exactly once. */
	private async runTask(pin: string, quiz: Quiz, task: RoomTask): Promise<void> {
		const state = await this.ctx.state(pin);
		if (task.type === 'finishScoring') {
			const ranked = await this.score(pin, quiz, state, task.index);
			const tied = (await this.ctx.live.getScored(pin, task.index))?.tied;
			await this.apply(
				pin,
				{ type: 'scored', index: task.index, ...(tied ? { tied } : {}) },
				ranked ?? undefined
			);
		} else {
			await this.archive.save(pin, quiz, state);
			await this.apply(pin, { type: 'saved' });
		}
	}

	/**
	 * One pass over the question's answers: results, standings and leaderboard, written in chunks.
	 * A commit cut short between chunks is finished here: players it already reached keep their
	 * stored standing and result, the others are scored from their previous standing, so ranks,
	 * distribution, team board and ties come out as in an uninterrupted run. Returns the results
	 * as this call committed them (null when it committed nothing).
	 */
	private async score(
		pin: string,
		quiz: Quiz,
		state: RoomState,
		index: number
	): Promise<RankedResult[] | null> {
		const q = quiz.questions[index];
		if (!q) return null;
		const live = this.ctx.live;
		if (await live.getScored(pin, index)) return null; // committed before an interruption
		// The room's players are read once per scoring: at 100,000 it is the largest read there is.
		const [answers, players] = await Promise.all([
			live.listAnswers(pin, index),
			live.listPlayers(pin)
		]);
		const active = players.filter((p) => !p.kicked);
		const applied = active.filter((p) => (p.scoredThrough ?? -1) >= index);
		const { results, standings, distribution, extra, teams, tied } = await this.day.score(
			pin,
			quiz,
			state,
			index,
			answers,
			active,
			new Set(applied.map((p) => p.id))
		);
		// The same rule as the store's leaderboard and rankOf, so that the rank in a player's
		// result matches their row on the leaderboard.
		const rankOf = rankTable(standings);
		const stored = await this.storedResults(pin, index, applied);
		// Each result takes its rank in place: they are this scoring's own objects, and a copy of
		// each was a player's worth of garbage per question.
		const ranked: RankedResult[] = results.map((r) => {
			const kept = stored.get(r.playerId);
			if (kept) return kept;
			const out = r as RankedResult;
			out.rank = rankOf.get(r.playerId) ?? null;
			return out;
		});
		const committed = await live.commitScores(
			pin,
			{
				index,
				limitMs: state.limitMs,
				distribution,
				...(extra ? { extra } : {}),
				...(teams ? { teams } : {}),
				...(tied ? { tied } : {})
			},
			ranked,
			standings
		);
		// Another process that committed first stored its own (the same, from the same answers),
		// but only what this call wrote is known to be what the store holds.
		return committed ? ranked : null;
	}

	/** The results an interrupted commit already stored, by player (none read in the usual case). */
	private async storedResults(
		pin: string,
		index: number,
		applied: { id: string }[]
	): Promise<Map<string, RankedResult>> {
		const out = new Map<string, RankedResult>();
		if (applied.length === 0) return out;
		const ids = applied.map((p) => p.id);
		const found = await this.ctx.live.getResults(pin, index, ids);
		found.forEach((r, i) => {
			if (r) out.set(ids[i]!, r);
		});
		return out;
	}
}
