// Leaving and coming back: resuming with the token keeps identity, score and the stored answer;
// answers sent while the question is closed never count; a kicked player stays out.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixtureQuiz } from '../support/quizzes';
import {
	attachHost,
	closeClients,
	collectFor,
	command,
	connect,
	emitAck,
	expectFail,
	expectOk,
	liveModes,
	makePlayers,
	requireMode,
	startTestServer,
	until,
	waitFor,
	waitForResult,
	within,
	type AckOf,
	type ClientSocket,
	type TestHost,
	type TestPlayer,
	type TestServer
} from '../support/server';

const modes = await liveModes('rejoin.test.ts');

type ResumeOk = Extract<AckOf<'player:resume'>, { ok: true }>;

describe.each(modes)('rejoining with the $name live store', (mode) => {
	describe.skipIf(mode.skip)(`rejoin (${mode.name})`, () => {
		let server: TestServer;
		let pin: string;
		let host: TestHost;
		let a: TestPlayer, b: TestPlayer, c: TestPlayer;

		beforeAll(async () => {
			requireMode(mode);
			server = await startTestServer({ redisUrl: mode.redisUrl });
		});
		afterAll(async () => {
			closeClients();
			await server?.close();
		});

		beforeEach(async () => {
			const room = await server.createRoom(fixtureQuiz);
			pin = room.pin;
			host = await attachHost(server.url, pin, room.hostSecret);
			[a, b, c] = (await makePlayers(server.url, pin, 3, 'R')) as [
				TestPlayer,
				TestPlayer,
				TestPlayer
			];
			await until(async () => (await server.ctx.live.onlineCount(pin)) === 3, 2000, '3 online');
		});
		afterEach(() => closeClients());

		const online = () => server.ctx.live.onlineCount(pin);

		async function leave(p: TestPlayer, expectOnline: number) {
			p.socket.disconnect();
			await until(async () => (await online()) === expectOnline, 2000, `${expectOnline} online`);
		}

		async function resume(p: TestPlayer): Promise<{ socket: ClientSocket; res: ResumeOk }> {
			const socket = await connect(server.url);
			const res = expectOk(await emitAck(socket, 'player:resume', { pin, token: p.token }));
			return { socket, res };
		}

		it('resumes the same player with score, phase and the stored answer', async () => {
			const opened = waitFor(a.socket, 'room:view', (v) => v.phase === 'question');
			await command(host, { type: 'start' });
			await opened;

			const first = expectOk(
				await emitAck(a.socket, 'player:answer', { index: 0, answer: { choices: [2] } })
			);
			expect(first.duplicate).toBe(false);
			await leave(a, 2);

			// Back on a new socket, mid-question.
			const back = await resume(a);
			expect(back.res.self).toMatchObject({
				playerId: a.playerId,
				nickname: a.nickname,
				score: 0,
				answered: { choices: [2] }
			});
			expect(back.res.view).toMatchObject({ pin, phase: 'question', index: 0 });
			expect(back.res.view.question?.index).toBe(0);
			expect(await online()).toBe(3);
			// The stored answer stands: a second one is a duplicate and changes nothing.
			const dup = expectOk(
				await emitAck(back.socket, 'player:answer', { index: 0, answer: { choices: [0] } })
			);
			expect(dup.duplicate).toBe(true);
			expect((await server.ctx.live.getAnswer(pin, 0, a.playerId))?.answer).toEqual({
				choices: [2]
			});

			// The new socket gets the result once everyone has answered.
			const result = waitForResult(back.socket, 0);
			const revealed = waitFor(back.socket, 'room:view', (v) => v.phase === 'reveal');
			for (const p of [b, c]) {
				expectOk(await emitAck(p.socket, 'player:answer', { index: 0, answer: { choices: [1] } }));
			}
			await revealed;
			const r = await result;
			expect(r).toMatchObject({ index: 0, answered: true, correct: true });
			expect(r.points).toBeGreaterThan(500);

			// Leave and come back again on the leaderboard: same score, current phase.
			await command(host, { type: 'next' });
			await leave({ ...a, socket: back.socket }, 2);
			const again = await resume(a);
			expect(again.res.self).toMatchObject({
				playerId: a.playerId,
				score: r.score,
				streak: 1,
				rank: r.rank,
				answered: null
			});
			expect(again.res.view.phase).toBe('leaderboard');
			expect(again.res.view.leaderboard?.find((row) => row.playerId === a.playerId)?.score).toBe(
				r.score
			);
		});

		it('gives a player who was away at the reveal their own result when they come back', async () => {
			const opened = waitFor(a.socket, 'room:view', (v) => v.phase === 'question');
			await command(host, { type: 'start' });
			await opened;
			expectOk(await emitAck(a.socket, 'player:answer', { index: 0, answer: { choices: [2] } }));
			await leave(a, 2);
			// The question closes while A's phone is asleep: its result goes nowhere.
			const revealed = waitFor(b.socket, 'room:view', (v) => v.phase === 'reveal');
			for (const p of [b, c]) {
				expectOk(await emitAck(p.socket, 'player:answer', { index: 0, answer: { choices: [1] } }));
			}
			await revealed;

			const socket = await connect(server.url);
			const result = waitFor(socket, 'player:result', (r) => r.index === 0);
			const res = expectOk(await emitAck(socket, 'player:resume', { pin, token: a.token }));
			expect(res.view.phase).toBe('reveal');
			expect(await result).toMatchObject({ index: 0, answered: true, correct: true });
		});

		it('keeps the question open while a connected player has not answered', async () => {
			await command(host, { type: 'start' });
			// A answers and leaves; B answers: C, still connected, has not answered yet.
			expectOk(await emitAck(a.socket, 'player:answer', { index: 0, answer: { choices: [2] } }));
			await leave(a, 2);
			const early = collectFor(b.socket, 'room:view', 400, (v) => v.phase === 'reveal');
			expectOk(await emitAck(b.socket, 'player:answer', { index: 0, answer: { choices: [2] } }));
			expect(await early).toEqual([]);
			expect((await server.ctx.live.getState(pin))?.phase).toBe('question');

			const revealed = waitFor(c.socket, 'room:view', (v) => v.phase === 'reveal');
			expectOk(await emitAck(c.socket, 'player:answer', { index: 0, answer: { choices: [2] } }));
			expect((await revealed).reveal?.distribution.answered).toBe(3);
		});

		it('never counts an answer sent after the question closed', async () => {
			await command(host, { type: 'start' });
			await leave(c, 2);

			// A and B are everyone online: their answers close the question.
			const revealed = waitFor(a.socket, 'room:view', (v) => v.phase === 'reveal');
			for (const p of [a, b]) {
				expectOk(await emitAck(p.socket, 'player:answer', { index: 0, answer: { choices: [2] } }));
			}
			await revealed;

			// C comes back during the reveal and tries to answer the closed question.
			const back = await resume(c);
			expect(back.res.view.phase).toBe('reveal');
			expect(back.res.self.answered).toBeNull();
			const late = await emitAck(back.socket, 'player:answer', {
				index: 0,
				answer: { choices: [2] }
			});
			expectFail(late, 'NO_QUESTION', 'WRONG_QUESTION', 'TIME_UP');

			// …and again once the next question is open.
			await command(host, { type: 'next' });
			await command(host, { type: 'next' });
			const later = await emitAck(back.socket, 'player:answer', {
				index: 0,
				answer: { choices: [2] }
			});
			expectFail(later, 'NO_QUESTION', 'WRONG_QUESTION', 'TIME_UP');

			expect(await server.ctx.live.getAnswer(pin, 0, c.playerId)).toBeNull();
			expect((await server.ctx.live.listAnswers(pin, 0)).map((x) => x.playerId).sort()).toEqual(
				[a.playerId, b.playerId].sort()
			);
			const [result] = await server.ctx.live.getResults(pin, 0, [c.playerId]);
			expect(result).toMatchObject({ answered: false, points: 0, score: 0 });
			expect((await server.ctx.live.getPlayer(pin, c.playerId))?.score).toBe(0);
		});

		it('keeps a kicked player out: resume refused, nickname reserved', async () => {
			await command(host, { type: 'start' });
			const kicked = waitFor(b.socket, 'player:kicked');
			const gone = new Promise<string>((resolve) => b.socket.once('disconnect', resolve));
			const left = waitFor(host.socket, 'room:players', (d) => d.left.includes(b.playerId));

			expectOk(await emitAck(host.socket, 'host:kick', { playerId: b.playerId }));
			await kicked;
			await within(gone, 3000, 'the kicked socket disconnected');
			const delta = await left;
			expect(delta.count).toBe(2);
			await until(async () => (await online()) === 2, 2000, '2 online');

			const again = await connect(server.url);
			expectFail(await emitAck(again, 'player:resume', { pin, token: b.token }), 'KICKED');
			expectFail(
				await emitAck(again, 'player:join', { pin, nickname: b.nickname }),
				'NICKNAME_TAKEN'
			);
			expectFail(
				await emitAck(again, 'player:join', { pin, nickname: ` ${b.nickname.toUpperCase()} ` }),
				'NICKNAME_TAKEN'
			);
			// Not bound to the kicked identity: it cannot answer.
			expectFail(
				await emitAck(again, 'player:answer', { index: 0, answer: { choices: [2] } }),
				'NOT_JOINED'
			);
			const players = await server.ctx.rooms.players.list(pin);
			expect(players.map((p) => p.id).sort()).toEqual([a.playerId, c.playerId].sort());
			expect((await server.ctx.live.getPlayer(pin, b.playerId))?.kicked).toBe(true);

			// The others still finish the question without the kicked player.
			const revealed = waitFor(a.socket, 'room:view', (v) => v.phase === 'reveal');
			for (const p of [a, c]) {
				expectOk(await emitAck(p.socket, 'player:answer', { index: 0, answer: { choices: [2] } }));
			}
			expect((await revealed).reveal?.distribution.answered).toBe(2);
			expect(await server.ctx.live.rankOf(pin, b.playerId)).toBeNull();
		});
	});
});
