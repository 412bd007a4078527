// The contest-day actions of players: picking a team (before joining), buzzing in (抢答) and
// choosing a stake (风险题). A buzz is one atomic store append (first writer wins across processes);
// the first of an opening then takes the buzzer in the room's state. The screen learns of buzzes and
// stakes through one view broadcast per burst, not one per player.
import { answerBarAt } from '../../domain/rounds/eligibility';
import { buzzRoundAt, buzzSettings, settleBuzz } from '../../domain/rounds/day';
import { roundAt, stakesOf } from '../../domain/rounds/plan';
import type { TeamsInfo } from '../../protocol';
import { Batcher } from '../kernel/batcher';
import type { PlayerRecord } from '../live/port';
import { RoomError } from './errors';
import type { RoomContext } from './room-context';
import { placedByRoster, planOf, raceLogs, seatOf, teamsOf } from './room-plan';
import type { RoomTransitions } from './room-transitions';
import type { RoomViews } from './room-views';
import { log } from '../log';

export interface BuzzReply {
	position: number;
	marginMs: number;
	won: boolean;
}

/** How long buzzes and stakes gather before the room's view goes out again. */
const VIEW_BATCH_MS = 100;

export class RoomRounds {
	private readonly refresh: Batcher<true>;

	constructor(
		private readonly ctx: RoomContext,
		private readonly transitions: RoomTransitions,
		private readonly views: RoomViews
	) {
		this.refresh = new Batcher<true>({
			window: VIEW_BATCH_MS,
			serial: true,
			flush: async (pin) => this.ctx.broadcast.view(pin, await this.views.view(pin)),
			onError: (e) => log.warn({ err: e }, 'room: view refresh after a buzz or stake failed')
		});
	}

	/** The room's teams, for the team picker before joining. */
	async teamsInfo(pin: string): Promise<TeamsInfo> {
		const { quiz, orgId } = await this.ctx.fixedOf(pin);
		const teams = teamsOf(quiz).map((t) => ({ id: t.id, name: t.name }));
		return { teams, audience: teams.length > 0, roster: placedByRoster(quiz, orgId) };
	}

	private async seated(pin: string, playerId: string): Promise<PlayerRecord> {
		const player = await this.ctx.live.getPlayer(pin, playerId);
		if (!player) throw new RoomError('NOT_JOINED');
		if (player.kicked) throw new RoomError('KICKED');
		return player;
	}

	/** 抢答: first by the store's receipt wins the buzzer; the others learn place and margin. */
	async buzz(pin: string, playerId: string, index: number): Promise<BuzzReply> {
		const [quiz, state, player] = await Promise.all([
			this.ctx.quizOf(pin),
			this.ctx.state(pin),
			this.seated(pin, playerId)
		]);
		if (state.phase !== 'question') throw new RoomError('NO_QUESTION');
		if (state.index !== index) throw new RoomError('WRONG_QUESTION');
		const plan = planOf(quiz);
		const pos = buzzRoundAt(plan, index);
		const running = state.day?.buzz;
		if (!pos || !running) throw new RoomError('NOT_BUZZ');
		const bar = answerBarAt(
			quiz.rounds,
			index,
			state.day?.order ?? [],
			state.day?.tied ?? null,
			seatOf(player),
			plan.teamIds.length > 0
		);
		if (bar) throw new RoomError(bar);
		if (state.pausedAt !== null) throw new RoomError('PAUSED');
		const settings = buzzSettings(pos.round);
		const now = this.ctx.now();
		const b = settleBuzz(running, settings, now);
		if (b.tried.includes(playerId)) throw new RoomError('ALREADY_TRIED');
		const live = this.ctx.live;
		if (b.phase === 'ready' || b.phase === 'arming') {
			if (settings.earlyPenalty === 0) throw new RoomError('TOO_EARLY');
			// Kept once per player: the penalty applies when the question is scored.
			await live.raceAppend(pin, raceLogs.early(index), playerId, now);
			this.refresh.add(pin, true);
			throw new RoomError('TOO_EARLY', `抢答器还未开启，提前抢答扣 ${settings.earlyPenalty} 分`);
		}
		if (b.phase === 'done') throw new RoomError('NO_QUESTION', '本题抢答已结束');
		const out = await live.raceAppend(pin, raceLogs.opening(index, b.opening), playerId, now);
		if (!out) throw new RoomError('ROOM_NOT_FOUND');
		const marginMs = Math.max(0, out.at - out.first.at);
		let won = false;
		if (out.position === 1) {
			try {
				const after = await this.transitions.apply(pin, {
					type: 'buzzWon',
					index,
					opening: b.opening,
					playerId
				});
				won = after.day?.buzz?.answering?.playerId === playerId;
			} catch (e) {
				// The opening closed between the two steps (its time ran out): not a win.
				if (!(e instanceof RoomError)) throw e;
			}
		}
		if (!won) this.refresh.add(pin, true);
		return { position: out.position, marginMs, won };
	}

	/** 风险题: the stake of the player's team (or their own, without teams), until the question opens. */
	async stake(pin: string, playerId: string, index: number, stake: number): Promise<number> {
		const [quiz, state, player] = await Promise.all([
			this.ctx.quizOf(pin),
			this.ctx.state(pin),
			this.seated(pin, playerId)
		]);
		const pos = roundAt(quiz.rounds, index);
		if (!pos || pos.round.type !== 'wager') throw new RoomError('NOT_WAGER');
		// Opened (or past): the stakes are locked. Before the stake phase: not yet.
		const opened =
			state.index > index ||
			(state.index === index && state.phase !== 'stake' && state.phase !== 'intro');
		if (opened) throw new RoomError('LOCKED');
		if (state.phase !== 'stake' || state.index !== index) {
			throw new RoomError('WRONG_PHASE', '下注尚未开始');
		}
		if (!stakesOf(pos.round).includes(stake)) throw new RoomError('BAD_STAKE');
		const hasTeams = teamsOf(quiz).length > 0;
		if (player.audience || (hasTeams && !player.teamId)) throw new RoomError('NO_STAKE_HOLDER');
		const holder = hasTeams ? player.teamId! : player.id;
		const out = await this.ctx.live.setStake(pin, index, holder, stake);
		if (out !== 'ok') throw new RoomError(out);
		this.refresh.add(pin, true);
		return stake;
	}

	close(): void {
		this.refresh.close();
	}
}
