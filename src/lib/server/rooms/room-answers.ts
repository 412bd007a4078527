// Taking answers: each one atomic store call, acked only once stored; a burst of answers shares one
// "has everyone online answered?" check, so that its store reads do not grow with the players.
import { checkAnswerShape, type AnswerInput } from '../../domain/answer';
import { Batcher } from '../kernel/batcher';
import { RoomError } from './errors';
import type { RoomContext } from './room-context';
import type { RoomTransitions } from './room-transitions';
import { log } from '../log';

interface Stored {
	pin: string;
	index: number;
	count: number;
}

export class RoomAnswers {
	private readonly checks: Batcher<Stored>;

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
		const out = await this.ctx.live.submitAnswer(pin, index, playerId, answer, this.ctx.now());
		if (out.status === 'refused') throw new RoomError(out.code);
		if (out.status === 'stored')
			this.checks.add(`${pin}:${index}`, { pin, index, count: out.count });
		return { index, duplicate: out.status === 'duplicate' };
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
		if (online > 0 && count >= online && (await this.allOnlineAnswered(pin, index))) {
			await this.transitions.apply(pin, { type: 'close', index, reason: 'all-answered' });
		}
	}

	private async allOnlineAnswered(pin: string, index: number): Promise<boolean> {
		const live = this.ctx.live;
		const [online, answers] = await Promise.all([
			live.onlineIds(pin),
			live.listAnswers(pin, index)
		]);
		const answered = new Set(answers.map((a) => a.playerId));
		return online.length > 0 && online.every((id) => answered.has(id));
	}

	close(): void {
		this.checks.close();
	}
}
