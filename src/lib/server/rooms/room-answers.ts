// Taking answers: each one atomic store call, acked only once stored; a burst of answers shares one
// "has everyone online answered?" check, so that its store reads do not grow with the players.
import { checkAnswerShape, isCorrect, type AnswerInput } from '../../domain/answer';
import type { Quiz } from '../../domain/question';
import { buzzSettings, settleBuzz } from '../../domain/rounds/day';
import { answerBarAt } from '../../domain/rounds/eligibility';
import { buzzOf, roundAt } from '../../domain/rounds/plan';
import { Batcher } from '../kernel/batcher';
import { RoomError } from './errors';
import type { RoomContext } from './room-context';
import { isContestDay, seatOf, teamsOf } from './room-plan';
import type { RoomTransitions } from './room-transitions';
import { log } from '../log';

interface Stored {
	pin: string;
	index: number;
	count: number;
}

/** How many questions' "still waiting for" hints are kept before they are dropped at once. */
const MAX_WAITING_HINTS = 10_000;

export class RoomAnswers {
	private readonly checks: Batcher<Stored>;
	/** Question (pin:index) → the online player the last check found without an answer. */
	private readonly waitingFor = new Map<string, string>();

	constructor(
		private readonly ctx: RoomContext,
		private readonly transitions: RoomTransitions
	) {
		// One check per question at a time; answers arriving meanwhile are folded into the next.
		this.checks = new Batcher<Stored>({
			window: 'turn',
			serial: true,
			flush: (_key, items) => this.check(items),
			onError: (e) => {
				if (!(e instanceof RoomError)) log.error({ err: e }, 'room: after-answer check failed');
			}
		});
	}

	/**
	 * Stores an answer (one atomic store operation) and returns only after the store has it.
	 * Closes the question early once every connected player has answered.
	 */
	async answer(pin: string, playerId: string, index: number, answer: AnswerInput) {
		const quiz = await this.ctx.quizOf(pin);
		const q = quiz.questions[index];
		if (!q) throw new RoomError('WRONG_QUESTION');
		if (checkAnswerShape(q, answer)) throw new RoomError('BAD_ANSWER');
		const rule = isContestDay(quiz) ? await this.rule(pin, quiz, playerId, index) : 'open';
		const out = await this.ctx.live.submitAnswer(pin, index, playerId, answer, this.ctx.now());
		if (out.status === 'refused') throw new RoomError(out.code);
		if (out.status === 'stored' && rule === 'buzz') {
			// The buzzer's winner answered on their device: that is the judgement.
			await this.transitions.apply(pin, {
				type: 'judge',
				right: isCorrect(q, out.answer) === true,
				playerId
			});
		} else if (out.status === 'stored') {
			this.checks.add(`${pin}:${index}`, { pin, index, count: out.count });
		}
		return { index, duplicate: out.status === 'duplicate' };
	}

	/**
	 * Whether this player may answer question `index` of a contest-day room, and how the answer is
	 * taken: 'buzz' from the player holding the buzzer, 'open' otherwise; refused with why not.
	 */
	private async rule(
		pin: string,
		quiz: Quiz,
		playerId: string,
		index: number
	): Promise<'buzz' | 'open'> {
		// A question for everyone, outside any buzzer: nothing to read on the answer's path.
		const pos = roundAt(quiz.rounds, index);
		if (!pos || (pos.round.type === 'all' && pos.round.players === 'everyone')) return 'open';
		const [state, player] = await Promise.all([
			this.ctx.state(pin),
			this.ctx.live.getPlayer(pin, playerId)
		]);
		if (!player) throw new RoomError('NOT_JOINED');
		if (state.phase !== 'question' || state.index !== index) return 'open'; // the store refuses it
		const teams = teamsOf(quiz);
		const bar = answerBarAt(
			quiz.rounds,
			index,
			state.day?.order ?? [],
			state.day?.tied ?? null,
			seatOf(player),
			teams.length > 0
		);
		if (bar) throw new RoomError(bar);
		if (pos.round.type !== 'buzz' || !state.day?.buzz) return 'open';
		if (buzzOf(pos.round).oral) throw new RoomError('NOT_ORAL');
		const b = settleBuzz(state.day.buzz, buzzSettings(pos.round), this.ctx.now());
		if (b.answering?.playerId !== playerId) throw new RoomError('NOT_ANSWERING');
		return 'buzz';
	}

	/**
	 * Players went offline without answering (their process died): if everyone still online has
	 * answered, the question closes now rather than at its deadline.
	 */
	recheck(pin: string): void {
		void (async () => {
			const state = await this.ctx.state(pin);
			if (state.phase !== 'question') return;
			const count = await this.ctx.live.answerCount(pin, state.index);
			this.checks.add(`${pin}:${state.index}`, { pin, index: state.index, count });
		})().catch((e: unknown) => log.error({ err: e, pin }, 'room: recheck failed'));
	}

	private async check(items: Stored[]): Promise<void> {
		const { pin, index } = items[0]!;
		const count = Math.max(...items.map((i) => i.count));
		const live = this.ctx.live;
		const online = await live.onlineCount(pin);
		this.ctx.broadcast.progress(pin, { index, answered: count, online });
		// `count` includes answers of players who have since left, so it only rules closing out;
		// close once every player online now has an answer stored.
		// A question for some players only (a team's turn, a tiebreak) waits for fewer than are online.
		if (online === 0) return;
		const done = (await this.forSomeOnly(pin, index))
			? await this.allOnlineAnswered(pin, index)
			: count >= online && (await this.nobodyOnlineLeft(pin, index));
		if (done) await this.transitions.apply(pin, { type: 'close', index, reason: 'all-answered' });
	}

	/**
	 * A question for everyone: asks the store for one online player still without an answer,
	 * the one it named last time first, so that checks while that player thinks cost one lookup.
	 */
	private async nobodyOnlineLeft(pin: string, index: number): Promise<boolean> {
		const key = `${pin}:${index}`;
		const waiting = await this.ctx.live.firstUnanswered(pin, index, this.waitingFor.get(key));
		if (waiting === null) {
			this.waitingFor.delete(key);
			return true;
		}
		// Entries of questions closed by their deadline are left behind: bounded by a reset.
		if (this.waitingFor.size >= MAX_WAITING_HINTS) this.waitingFor.clear();
		this.waitingFor.set(key, waiting);
		return false;
	}

	/** A restricted round (few players): every online id and answer, filtered by who it is for. */
	private async allOnlineAnswered(pin: string, index: number): Promise<boolean> {
		const live = this.ctx.live;
		const [online, answers] = await Promise.all([
			live.onlineIds(pin),
			live.listAnswers(pin, index)
		]);
		const answered = new Set(answers.map((a) => a.playerId));
		const expected = await this.expectedOf(pin, index, online);
		return expected.length > 0 && expected.every((id) => answered.has(id));
	}

	private async forSomeOnly(pin: string, index: number): Promise<boolean> {
		const pos = roundAt((await this.ctx.quizOf(pin)).rounds, index);
		return pos !== null && !(pos.round.type === 'all' && pos.round.players === 'everyone');
	}

	/** Those online a question waits for: everyone, or in a restricted round those it is for. */
	private async expectedOf(pin: string, index: number, online: string[]): Promise<string[]> {
		const quiz = await this.ctx.quizOf(pin);
		const pos = roundAt(quiz.rounds, index);
		if (!pos || (pos.round.type === 'all' && pos.round.players === 'everyone')) return online;
		// A buzz question closes when its buzzer is done, never on a count of answers.
		if (pos.round.type === 'buzz') return [];
		const state = await this.ctx.state(pin);
		const hasTeams = teamsOf(quiz).length > 0;
		const players = new Map((await this.ctx.live.listPlayers(pin)).map((p) => [p.id, p]));
		return online.filter((id) => {
			const p = players.get(id);
			if (!p) return false;
			return (
				answerBarAt(
					quiz.rounds,
					index,
					state.day?.order ?? [],
					state.day?.tied ?? null,
					seatOf(p),
					hasTeams
				) === null
			);
		});
	}

	close(): void {
		this.checks.close();
	}
}
