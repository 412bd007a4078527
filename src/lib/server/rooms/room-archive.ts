// The finished game as a durable record: every player, every scored question and every answer
// with its server time, so that scores can be recomputed from what was stored.
import { isCorrect } from '../../domain/answer';
import type { Quiz } from '../../domain/question';
import type { RoomState } from '../../domain/room';
import type { FinishedGame } from '../records/port';
import type { RoomContext } from './room-context';
import { teamsOf } from './room-plan';

export class RoomArchive {
	constructor(private readonly ctx: RoomContext) {}

	/** Saves the finished game as a durable record; saving it again keeps one copy. */
	async save(pin: string, quiz: Quiz, state: RoomState): Promise<void> {
		await this.ctx.deps.records.saveGame(await this.snapshot(pin, quiz, state));
	}

	async snapshot(pin: string, quiz: Quiz, state: RoomState): Promise<FinishedGame> {
		const live = this.ctx.live;
		const [players, scored, board, room] = await Promise.all([
			live.listPlayers(pin),
			live.listScored(pin),
			live.leaderboard(pin, Number.MAX_SAFE_INTEGER),
			live.getRoom(pin)
		]);
		const rank = new Map(board.map((p, i) => [p.id, i + 1]));
		const limits = new Map(scored.map((s) => [s.index, s.limitMs]));
		const extras = new Map(scored.map((s) => [s.index, s.extra ?? null]));
		const teams = teamsOf(quiz);
		const answers: FinishedGame['answers'] = [];
		for (const s of scored) {
			const q = quiz.questions[s.index];
			if (!q) continue;
			const list = await live.listAnswers(pin, s.index);
			const results = await live.getResults(
				pin,
				s.index,
				list.map((a) => a.playerId)
			);
			list.forEach((a, i) => {
				answers.push({
					questionIndex: s.index,
					playerId: a.playerId,
					answer: a.answer,
					elapsedMs: a.elapsedMs,
					receivedAt: a.receivedAt,
					correct: isCorrect(q, a.answer),
					points: results[i]?.points ?? 0
				});
			});
		}
		return {
			id: `${pin}-${state.createdAt}`,
			pin,
			// The game belongs where the room did: its organisation, or nobody for a quick room.
			orgId: room?.orgId ?? null,
			quizId: quiz.id,
			title: quiz.title,
			settings: quiz.settings,
			createdAt: state.createdAt,
			endedAt: state.endedAt ?? this.ctx.now(),
			questions: quiz.questions.map((question, index) => ({
				index,
				question,
				limitMs: limits.get(index) ?? null,
				extra: extras.get(index) ?? null
			})),
			players: players.map((p) => ({
				id: p.id,
				nickname: p.nickname,
				score: p.score,
				correctCount: p.correctCount,
				totalTimeMs: p.totalTimeMs,
				rank: p.kicked ? null : (rank.get(p.id) ?? null),
				kicked: p.kicked,
				joinedAt: p.joinedAt,
				teamId: p.audience ? null : (p.teamId ?? null),
				audience: p.audience ?? false
			})),
			answers,
			teams,
			teamScoring: teams.length > 0 ? (quiz.teams?.scoring ?? 'sum') : null,
			rounds: quiz.rounds ?? null,
			draw: state.day?.draw ?? null
		};
	}
}
