// The finished game is saved a page at a time: a room of 3,000 players and two questions is read
// from the live store and written in batches of at most 1,000 rows, with the event loop served in
// between; a save that fails half-way is finished by the clock's retry, leaving one whole copy.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isCorrect } from '../../src/lib/domain/answer';
import { nicknameKey } from '../../src/lib/domain/nickname';
import type { FinishedGame, GamePlayerRecord } from '../../src/lib/server/records/port';
import { ordered } from '../contracts/record-store.fixtures';
import { demoQuiz, roomHarness, settle, T0, type Harness } from './harness';

const PLAYERS = 3000;

let h: Harness;
beforeEach(async () => {
	h = await roomHarness();
});
afterEach(async () => {
	await h.dispose();
});

/**
 * A room with PLAYERS players (two of them kicked) who answered both questions, put straight into
 * the live store to keep the test fast, scored by the service and ended. Returns its PIN.
 */
async function playedRoom(): Promise<string> {
	const { pin } = await h.service.createRoom(demoQuiz);
	for (let i = 0; i < PLAYERS; i++) {
		const id = `p${i}`;
		const player = {
			id,
			nickname: `玩家${i}`,
			joinedAt: T0 + i,
			kicked: false,
			score: 0,
			streak: 0,
			correctCount: 0,
			totalTimeMs: 0
		};
		expect(await h.live.addPlayer(pin, player, nicknameKey(player.nickname), `t-${id}`)).toBe('ok');
	}
	await h.live.kickPlayer(pin, 'p5');
	await h.service.transitions.apply(pin, { type: 'start' });
	for (const index of [0, 1]) {
		const { openedAt } = (await h.live.getState(pin))!;
		for (let i = 0; i < PLAYERS; i++) {
			if (i === 5) continue; // kicked: refused
			// Every third player answers wrongly; time apart so that ranks differ.
			const answer = { choices: [i % 3 === 0 ? 0 : 1] };
			const outcome = await h.live.submitAnswer(pin, index, `p${i}`, answer, openedAt + i);
			expect(outcome.status).toBe('stored');
		}
		await h.advance(20_100); // past the deadline: closed and scored by the clock
		expect((await h.service.view(pin)).phase).toBe('reveal');
		await h.service.transitions.apply(pin, { type: 'next' }); // leaderboard
		if (index === 0) await h.service.transitions.apply(pin, { type: 'next' });
	}
	// Kicked after scoring: still saved, unranked.
	await h.live.kickPlayer(pin, 'p9');
	return pin;
}

/** What the archive must hold, read from the live store whole (as saving did before paging). */
async function expectedGame(pin: string, game: FinishedGame): Promise<FinishedGame> {
	const board = await h.live.leaderboard(pin, Number.MAX_SAFE_INTEGER);
	const rank = new Map(board.map((p, i) => [p.id, i + 1]));
	const players: GamePlayerRecord[] = (await h.live.listPlayers(pin)).map((p) => ({
		id: p.id,
		nickname: p.nickname,
		score: p.score,
		correctCount: p.correctCount,
		totalTimeMs: p.totalTimeMs,
		rank: p.kicked ? null : (rank.get(p.id) ?? null),
		kicked: p.kicked,
		joinedAt: p.joinedAt,
		teamId: null,
		audience: false
	}));
	const answers: FinishedGame['answers'] = [];
	for (const index of [0, 1]) {
		const list = await h.live.listAnswers(pin, index);
		const results = await h.live.getResults(
			pin,
			index,
			list.map((a) => a.playerId)
		);
		list.forEach((a, i) =>
			answers.push({
				questionIndex: index,
				playerId: a.playerId,
				answer: a.answer,
				elapsedMs: a.elapsedMs,
				receivedAt: a.receivedAt,
				correct: isCorrect(demoQuiz.questions[index]!, a.answer),
				points: results[i]!.points
			})
		);
	}
	const scored = await h.live.listScored(pin);
	return ordered({
		...game,
		questions: demoQuiz.questions.map((question, index) => ({
			index,
			question,
			limitMs: scored[index]!.limitMs,
			extra: null
		})),
		players,
		answers
	});
}

/** Counts each batch written (and its size), throwing on `failAt` while `down()`. */
function watchBatches(failAt: number, down: () => boolean) {
	const seen = { batches: 0, largest: 0, servedBefore: null as number | null };
	for (const method of ['addGamePlayers', 'addGameAnswers'] as const) {
		const original = h.records[method].bind(h.records);
		h.records[method] = async (id, rows: never[]) => {
			const n = ++seen.batches;
			seen.largest = Math.max(seen.largest, rows.length);
			// Work queued now (a socket's event, in the server) is served before the save ends.
			if (n === 1) setImmediate(() => (seen.servedBefore ??= seen.batches));
			if (n === failAt && down()) throw new Error('database went away');
			return original(id, rows);
		};
	}
	return seen;
}

/** Lets pending work run until `read` gives something (the retry's batches take many turns). */
async function until<T>(read: () => Promise<T | null>): Promise<T | null> {
	for (let turn = 0; turn < 1000; turn++) {
		const value = await read();
		if (value !== null) return value;
		await settle();
	}
	return null;
}

describe('a finished game is saved in batches', () => {
	it(
		'3,000 players × 2 questions are saved whole, a page at a time',
		{ timeout: 60_000 },
		async () => {
			const pin = await playedRoom();
			const seen = watchBatches(0, () => false);
			await h.service.transitions.apply(pin, { type: 'end' });

			const game = await h.records.latestGameByPin(pin);
			expect(game).not.toBeNull();
			expect(game!.players).toHaveLength(PLAYERS);
			expect(game!.answers).toHaveLength(2 * (PLAYERS - 1));
			expect(game).toStrictEqual(await expectedGame(pin, game!));
			expect(
				game!.players
					.filter((p) => p.rank === null)
					.map((p) => p.id)
					.sort()
			).toEqual(['p5', 'p9']);
			expect(game!.players[0]!.rank).toBe(1);
			expect(game!.players.at(-3)!.rank).toBe(PLAYERS - 2);
			// 3 pages of ranked players, 3 scans for the kicked, 3 pages of answers per question.
			expect(seen.batches).toBeGreaterThanOrEqual(3 + 1 + 2 * 3);
			expect(seen.largest).toBeLessThanOrEqual(1000);
			expect(seen.servedBefore).not.toBeNull();
			expect(seen.servedBefore!).toBeLessThan(seen.batches);
			expect((await h.records.listGames(5)).map((g) => [g.id, g.playerCount])).toEqual([
				[game!.id, PLAYERS]
			]);
			expect(await h.live.activePins()).not.toContain(pin);
		}
	);

	it(
		'a save failing half-way is finished by the clock with one complete copy',
		{ timeout: 60_000 },
		async () => {
			const pin = await playedRoom();
			let down = true;
			const seen = watchBatches(6, () => down); // after the players and some answers
			await h.service.transitions.apply(pin, { type: 'end' });

			expect((await h.service.view(pin)).saving).toBe(true);
			expect(await h.records.latestGameByPin(pin)).toBeNull(); // half a game is not shown
			expect(await h.records.listGames(5)).toEqual([]);
			expect(seen.batches).toBe(6);
			expect(await h.live.activePins()).toContain(pin);

			down = false;
			await h.advance(20_000); // the clock's retry, which goes on a batch per turn of the loop
			const game = await until(() => h.records.latestGameByPin(pin));
			expect(game).not.toBeNull();
			expect(game).toStrictEqual(await expectedGame(pin, game!));
			expect(new Set(game!.players.map((p) => p.id)).size).toBe(PLAYERS);
			expect(game!.answers).toHaveLength(2 * (PLAYERS - 1));
			expect(await h.records.listGames(5)).toEqual([
				expect.objectContaining({ id: game!.id, playerCount: PLAYERS })
			]);
			expect((await h.service.view(pin)).saving).toBeUndefined();
			expect(await h.live.activePins()).not.toContain(pin);
		}
	);
});
