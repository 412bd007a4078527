// A join storm on one process: 200 phones asking to join at once, some racing for the same
// nickname. Joins that arrive together reach the store together (with Redis, in one script call)
// and the host's lobby hears of them in a few aggregated frames, yet every phone is answered as if
// it had joined alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureQuiz } from '../support/quizzes';
import {
	attachHost,
	closeClients,
	connect,
	emitAck,
	liveModes,
	requireMode,
	startTestServer,
	until,
	type ClientSocket,
	type EventArg,
	type TestHost,
	type TestServer
} from '../support/server';

const modes = await liveModes('join-storm.test.ts');

const PHONES = 200;
/** Of them, this many pairs ask for one nickname twice (under a different case). */
const PAIRS = 20;

describe.each(modes)('a join storm with the $name live store', (mode) => {
	describe.skipIf(mode.skip)(`join storm (${mode.name})`, () => {
		let server: TestServer;
		let pin: string;
		let secret: string;
		let host: TestHost;
		let phones: ClientSocket[];

		beforeAll(async () => {
			requireMode(mode);
			server = await startTestServer({ redisUrl: mode.redisUrl });
			const room = await server.createRoom(fixtureQuiz);
			({ pin, hostSecret: secret } = room);
			host = await attachHost(server.url, pin, secret);
			phones = await Promise.all(Array.from({ length: PHONES }, () => connect(server.url, 10_000)));
		});

		afterAll(async () => {
			closeClients();
			await server?.close();
		});

		it('acks every join, keeps nicknames unique, counts right and tells the host in a few frames', async () => {
			const nickname = (i: number) =>
				i < 2 * PAIRS ? (i % 2 === 0 ? `Twin${i >> 1}` : `TWIN${i >> 1}`) : `风暴${i}`;
			const frames: EventArg<'room:players'>[] = [];
			host.socket.on('room:players', (f) => frames.push(f));

			const acks = await Promise.all(
				phones.map((s, i) => emitAck(s, 'player:join', { pin, nickname: nickname(i) }, 10_000))
			);

			const joined = acks.flatMap((a, i) => (a.ok ? [{ i, ...a }] : []));
			const refused = acks.filter((a) => !a.ok);
			const expected = PHONES - PAIRS;
			expect(joined).toHaveLength(expected);
			expect(refused.map((a) => !a.ok && a.error.code)).toEqual(
				Array(PAIRS).fill('NICKNAME_TAKEN')
			);
			// Exactly one of each pair got its name.
			for (let p = 0; p < PAIRS; p++) {
				expect(joined.filter((j) => j.i === 2 * p || j.i === 2 * p + 1)).toHaveLength(1);
			}
			const ids = joined.map((j) => j.self.playerId);
			expect(new Set(ids).size).toBe(expected);
			for (const j of joined) {
				expect(j.self).toMatchObject({
					nickname: nickname(j.i),
					score: 0,
					streak: 0,
					rank: null,
					answered: null
				});
				expect(j.view).toMatchObject({ pin, phase: 'lobby', index: -1 });
				// Each phone sees a count that already holds it, and no more players than joined.
				expect(j.view.playerCount).toBeGreaterThanOrEqual(1);
				expect(j.view.playerCount).toBeLessThanOrEqual(expected);
			}
			expect(Math.max(...joined.map((j) => j.view.playerCount))).toBe(expected);

			expect(await server.ctx.live.playerCount(pin)).toBe(expected);
			await until(
				async () => (await server.ctx.live.onlineCount(pin)) === expected,
				5000,
				`${expected} online`
			);
			expect((await server.ctx.live.onlineIds(pin)).sort()).toEqual([...ids].sort());

			// The host's lobby: fewer frames than joins, every arrival told once, ending on the count.
			await until(() => frames.at(-1)?.count === expected, 5000, `room:players count ${expected}`);
			expect(frames.length).toBeLessThan(expected);
			const told = frames.flatMap((f) => f.joined);
			expect(told.map((p) => p.id).sort()).toEqual([...ids].sort());
			for (const j of joined) {
				expect(told).toContainEqual({
					id: j.self.playerId,
					nickname: nickname(j.i),
					online: true,
					score: 0
				});
			}
			for (const f of frames) expect(f.left).toEqual([]);
			// A host attaching now reads the same count and a page of these players.
			const late = await attachHost(server.url, pin, secret);
			expect(late.view.playerCount).toBe(expected);
			expect(late.players.length).toBeGreaterThan(0);
			expect(ids).toEqual(expect.arrayContaining(late.players.map((p) => p.id)));
		});
	});
});
