// A finished game of 3,000 players is saved by a running server, a page at a time, on the memory
// and the Redis live store (HSCAN pages there): the record read back is the game the live store
// holds. On Redis, a save that fails half-way is finished by the clock's retry with one copy.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FinishedGame, RecordStore } from '../../src/lib/server/records/port';
import { addPlayers, answerAll, expectedGame } from '../support/archive';
import { makeQuiz } from '../support/quizzes';
import { liveModes, requireMode, startTestServer, until, type TestServer } from '../support/server';

const PLAYERS = 3000;
const modes = await liveModes('archive-stream');
const quiz = makeQuiz({ id: 'itest-archive-stream', timeLimit: 60 });

/** Makes the records store's batch writes from the `failAt`-th on throw while `down()`; counts them. */
function failBatch(records: RecordStore, failAt: number, down: () => boolean) {
	const seen = { batches: 0 };
	for (const method of ['addGamePlayers', 'addGameAnswers'] as const) {
		const original = records[method].bind(records);
		records[method] = async (id, rows: never[]) => {
			if (++seen.batches >= failAt && down()) throw new Error('database went away');
			return original(id, rows);
		};
	}
	return seen;
}

for (const mode of modes) {
	describe.skipIf(mode.skip)(`a finished game is saved in pages (${mode.name})`, () => {
		let server: TestServer;
		beforeAll(() => requireMode(mode));
		afterEach(async () => {
			await server?.close();
		});

		/** The game once it is saved (and readable). */
		async function saved(pin: string): Promise<FinishedGame> {
			const game = await until(() => server.ctx.records.latestGameByPin(pin), 30_000, 'saved');
			return game!;
		}

		/** A room whose players all answered the first two questions, closed by the host. */
		async function played(): Promise<string> {
			server = await startTestServer({
				redisUrl: mode.redisUrl,
				clock: { leaseMs: 2000, sweepMs: 150, retryMs: 200 }
			});
			const { live, rooms } = server.ctx;
			const { pin } = await server.createRoom(quiz);
			const ids = await addPlayers(live, pin, PLAYERS, Date.now());
			await live.kickPlayer(pin, 'p5');
			await rooms.transitions.apply(pin, { type: 'start' });
			for (const index of [0, 1]) {
				await until(async () => (await live.getState(pin))?.phase === 'question', 10_000);
				await answerAll(live, pin, index, ids, ['p5']);
				await rooms.transitions.apply(pin, { type: 'next' }); // closes it
				await until(async () => (await live.getScored(pin, index)) !== null, 20_000, 'scored');
				await rooms.transitions.apply(pin, { type: 'next' }); // leaderboard
				if (index === 0) await rooms.transitions.apply(pin, { type: 'next' });
			}
			return pin;
		}

		it(
			'3,000 players × 2 questions read back as the live store holds them',
			{ timeout: 120_000 },
			async () => {
				const pin = await played();
				await server.ctx.rooms.transitions.apply(pin, { type: 'end' });
				const game = await saved(pin);
				expect(game.players).toHaveLength(PLAYERS);
				expect(game.answers).toHaveLength(2 * (PLAYERS - 1));
				expect(game).toStrictEqual(await expectedGame(server.ctx.live, pin, quiz, game));
				expect(game.players.find((p) => p.id === 'p5')).toMatchObject({ kicked: true, rank: null });
			}
		);

		// Redis: the retry reads the HSCAN pages again, from a fresh cursor.
		if (mode.name === 'redis')
			it(
				'a save failing half-way is finished by the clock, one complete copy',
				{ timeout: 120_000 },
				async () => {
					const pin = await played();
					let down = true;
					const seen = failBatch(server.ctx.records, 5, () => down);
					await server.ctx.rooms.transitions.apply(pin, { type: 'end' });
					expect(seen.batches).toBeGreaterThanOrEqual(5);
					expect(await server.ctx.records.latestGameByPin(pin)).toBeNull();
					// The clock retries while the database is still down: half a game is never shown.
					await until(() => seen.batches > 5, 10_000, 'a retry');
					expect(await server.ctx.records.latestGameByPin(pin)).toBeNull();
					expect(await server.ctx.live.activePins()).toContain(pin);
					down = false;
					const game = await saved(pin);
					expect(game).toStrictEqual(await expectedGame(server.ctx.live, pin, quiz, game));
					expect(new Set(game.answers.map((a) => `${a.questionIndex}/${a.playerId}`)).size).toBe(
						2 * (PLAYERS - 1)
					);
					expect((await server.ctx.records.listGames(50)).filter((g) => g.id === game.id)).toEqual([
						expect.objectContaining({ playerCount: PLAYERS })
					]);
				}
			);
	});
}
