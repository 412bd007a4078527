// The finished game is saved a page at a time: a room of 3,000 players and two questions is read
// from the live store and written in batches of at most 1,000 rows, with the event loop served in
// between; a save that fails half-way is finished by the clock's retry, leaving one whole copy.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FinishedGame } from '../../src/lib/server/records/port';
import { addPlayers, answerAll, expectedGame } from '../support/archive';
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
 * the live store to keep the test fast, scored by the service. Returns its PIN.
 */
async function playedRoom(): Promise<string> {
	const { pin } = await h.service.createRoom(demoQuiz);
	const ids = await addPlayers(h.live, pin, PLAYERS, T0);
	await h.live.kickPlayer(pin, 'p5');
	await h.service.transitions.apply(pin, { type: 'start' });
	for (const index of [0, 1]) {
		await answerAll(h.live, pin, index, ids, ['p5']);
		await h.advance(20_100); // past the deadline: closed and scored by the clock
		expect((await h.service.view(pin)).phase).toBe('reveal');
		await h.service.transitions.apply(pin, { type: 'next' }); // leaderboard
		if (index === 0) await h.service.transitions.apply(pin, { type: 'next' });
	}
	// Kicked after scoring: still saved, unranked.
	await h.live.kickPlayer(pin, 'p9');
	return pin;
}

const expected = (pin: string, saved: FinishedGame) => expectedGame(h.live, pin, demoQuiz, saved);

/** Counts each batch written (and its size); from the `failAt`-th on, throws while `down()`. */
function watchBatches(failAt: number, down: () => boolean) {
	const seen = { batches: 0, largest: 0, servedBefore: null as number | null };
	for (const method of ['addGamePlayers', 'addGameAnswers'] as const) {
		const original = h.records[method].bind(h.records);
		h.records[method] = async (id, rows: never[]) => {
			const n = ++seen.batches;
			seen.largest = Math.max(seen.largest, rows.length);
			// Work queued now (a socket's event, in the server) is served before the save ends.
			if (n === 1) setImmediate(() => (seen.servedBefore ??= seen.batches));
			if (n >= failAt && down()) throw new Error('database went away');
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
			expect(game).toStrictEqual(await expected(pin, game!));
			expect(
				game!.players
					.filter((p) => p.rank === null)
					.map((p) => p.id)
					.sort()
			).toEqual(['p5', 'p9']);
			expect(game!.players[0]!.rank).toBe(1);
			expect(game!.players.at(-3)!.rank).toBe(PLAYERS - 2);
			// 3 pages of ranked players, one batch of the kicked, 3 pages of answers per question.
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
			expect(game).toStrictEqual(await expected(pin, game!));
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
