// A played room filled straight through the live store (thousands of players in a second), and the
// finished game its archive must hold, read from the live store whole, as saving did before the
// archive was paged: the streamed save is held to what the whole read gives.
import { expect } from 'vitest';
import { isCorrect } from '../../src/lib/domain/answer';
import { nicknameKey } from '../../src/lib/domain/nickname';
import type { Quiz } from '../../src/lib/domain/question';
import type { LiveStore } from '../../src/lib/server/live/port';
import type { FinishedGame, GamePlayerRecord } from '../../src/lib/server/records/port';
import { ordered } from '../contracts/record-store.fixtures';

/** Players p0…p(n-1), joined 1 ms apart from `joinedFrom`, added in parallel slices. */
export async function addPlayers(
	live: LiveStore,
	pin: string,
	n: number,
	joinedFrom: number
): Promise<string[]> {
	const ids = Array.from({ length: n }, (_, i) => `p${i}`);
	for (let from = 0; from < n; from += 500) {
		const outcomes = await Promise.all(
			ids.slice(from, from + 500).map((id, j) => {
				const nickname = `玩家${from + j}`;
				const player = {
					id,
					nickname,
					joinedAt: joinedFrom + from + j,
					kicked: false,
					score: 0,
					streak: 0,
					correctCount: 0,
					totalTimeMs: 0
				};
				return live.addPlayer(pin, player, nicknameKey(nickname), `t-${pin}-${id}`);
			})
		);
		expect(outcomes.every((o) => o.outcome === 'ok')).toBe(true);
	}
	return ids;
}

/**
 * Every player but those in `skip` answers the open question `index`, 1 ms apart; every third
 * player picks option 0, the others option 1, so that some are right and ranks differ.
 */
export async function answerAll(
	live: LiveStore,
	pin: string,
	index: number,
	ids: string[],
	skip: string[] = []
): Promise<void> {
	const { openedAt } = (await live.getState(pin))!;
	const answering = ids.filter((id) => !skip.includes(id));
	for (let from = 0; from < answering.length; from += 500) {
		const outcomes = await Promise.all(
			answering.slice(from, from + 500).map((id, j) => {
				const choice = (from + j) % 3 === 0 ? 0 : 1;
				return live.submitAnswer(pin, index, id, { choices: [choice] }, openedAt + from + j);
			})
		);
		expect(outcomes.every((o) => o.status === 'stored')).toBe(true);
	}
}

/** The game the archive must hold for `pin`, the head (ids, times, plan) taken from `saved`. */
export async function expectedGame(
	live: LiveStore,
	pin: string,
	quiz: Quiz,
	saved: FinishedGame
): Promise<FinishedGame> {
	const board = await live.leaderboard(pin, Number.MAX_SAFE_INTEGER);
	const rank = new Map(board.map((p, i) => [p.id, i + 1]));
	const players: GamePlayerRecord[] = (await live.listPlayers(pin)).map((p) => ({
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
	}));
	const scored = await live.listScored(pin);
	const answers: FinishedGame['answers'] = [];
	for (const s of scored) {
		const list = await live.listAnswers(pin, s.index);
		const results = await live.getResults(
			pin,
			s.index,
			list.map((a) => a.playerId)
		);
		list.forEach((a, i) =>
			answers.push({
				questionIndex: s.index,
				playerId: a.playerId,
				answer: a.answer,
				elapsedMs: a.elapsedMs,
				receivedAt: a.receivedAt,
				correct: isCorrect(quiz.questions[s.index]!, a.answer),
				points: results[i]?.points ?? 0
			})
		);
	}
	const limits = new Map(scored.map((s) => [s.index, s.limitMs]));
	return ordered({
		...saved,
		questions: quiz.questions.map((question, index) => ({
			index,
			question,
			limitMs: limits.get(index) ?? null,
			extra: null
		})),
		players,
		answers
	});
}
