// Two server processes on one Redis serve one room together (DESIGN principle 7): players on either
// process see the same game and get their own results; when the process driving the room's clock
// dies, the other takes the lease over and closes the question at its deadline.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CORRECT, Q, makeQuiz } from '../support/quizzes';
import {
	attachHost,
	closeClients,
	collectFor,
	command,
	emitAck,
	expectOk,
	liveModes,
	makePlayers,
	requireMode,
	startTestServer,
	until,
	waitFor,
	waitForResult,
	type TestServer
} from '../support/server';

const modes = await liveModes('multi-process');
const redis = modes.find((m) => m.name === 'redis')!;
// Short leases so that a take-over happens within the test's time.
const clock = { leaseMs: 800, sweepMs: 150 };

describe.skipIf(redis.skip)('two processes, one room (Redis)', () => {
	const servers: TestServer[] = [];
	beforeAll(() => requireMode(redis));
	afterEach(async () => {
		closeClients();
		for (const s of servers.splice(0)) await s.close();
	});

	it('fans out across processes and survives the clock holder dying', async () => {
		const a = await startTestServer({ redisUrl: redis.redisUrl, clock });
		servers.push(a);
		const b = await startTestServer({ redisUrl: redis.redisUrl, clock });
		servers.push(b);
		const { pin, hostSecret } = await a.createRoom(makeQuiz({ id: 'itest-multi', timeLimit: 5 }));

		const host = await attachHost(a.url, pin, hostSecret);
		const arrived = new Set<string>();
		host.socket.on('room:players', (d) => d.joined.forEach((p) => arrived.add(p.id)));
		const onA = await makePlayers(a.url, pin, 2, 'A');
		const onB = await makePlayers(b.url, pin, 2, 'B');
		const everyone = [...onA, ...onB];
		// Arrivals on B reach the host on A (batched deltas through the Redis adapter).
		await until(() => everyone.every((p) => arrived.has(p.playerId)), 3000, 'arrivals at the host');
		expect(await a.ctx.live.playerCount(pin)).toBe(4);

		// Question 1: everyone answers; each process delivers its own players' results.
		const opened = everyone.map((p) =>
			waitFor(p.socket, 'room:view', (v) => v.phase === 'question' && v.index === Q.single)
		);
		await command(host, { type: 'start' });
		for (const v of await Promise.all(opened)) expect(v.question?.stem).toBeTruthy();
		const results = everyone.map((p) => waitForResult(p.socket, 0));
		for (const p of everyone) {
			expectOk(
				await emitAck(p.socket, 'player:answer', {
					index: Q.single,
					answer: { choices: CORRECT[Q.single] }
				})
			);
		}
		for (const r of await Promise.all(results)) {
			expect(r).toMatchObject({ answered: true, correct: true });
			expect(r.points).toBeGreaterThan(500);
		}

		// Question 2 opens; B's players answer, A's do not. Then the clock holder dies.
		await command(host, { type: 'next' }); // leaderboard
		const second = onB.map((p) =>
			waitFor(p.socket, 'room:view', (v) => v.phase === 'question' && v.index === Q.multiple)
		);
		const hostView = await command(host, { type: 'next' });
		expect(hostView.phase).toBe('question');
		await Promise.all(second);
		for (const p of onB) {
			expectOk(
				await emitAck(p.socket, 'player:answer', {
					index: Q.multiple,
					answer: { choices: CORRECT[Q.multiple] }
				})
			);
		}
		const holder = a.ctx.clock.holds(pin) ? a : b;
		const survivor = holder === a ? b : a;
		const survivorPlayers = survivor === b ? onB : onA;
		expect(holder.ctx.clock.holds(pin)).toBe(true);
		expect(survivor.ctx.clock.holds(pin)).toBe(false);

		const revealed = survivorPlayers.map((p) =>
			waitFor(p.socket, 'room:view', (v) => v.phase === 'reveal' && v.index === Q.multiple, 9000)
		);
		await holder.crash();
		servers.splice(servers.indexOf(holder), 1);

		// The survivor takes the lease over and closes the question when its deadline passes.
		for (const v of await Promise.all(revealed)) {
			expect(v.reveal?.correct).toEqual(CORRECT[Q.multiple]);
		}
		expect(survivor.ctx.clock.holds(pin)).toBe(true);
		const state = await survivor.ctx.live.getState(pin);
		expect(state?.phase).toBe('reveal');
		const scoredB = await survivor.ctx.live.getResults(
			pin,
			Q.multiple,
			onB.map((p) => p.playerId)
		);
		for (const r of scoredB) expect(r).toMatchObject({ answered: true, correct: true });
	}, 20_000);
	it("kicks a player whose phone is on the other process, and only that player's phones", async () => {
		const a = await startTestServer({ redisUrl: redis.redisUrl, clock });
		servers.push(a);
		const b = await startTestServer({ redisUrl: redis.redisUrl, clock });
		servers.push(b);
		const { pin, hostSecret } = await a.createRoom(makeQuiz({ id: 'itest-multi-kick' }));
		const host = await attachHost(a.url, pin, hostSecret);
		const [victim, bystander] = await makePlayers(b.url, pin, 2, 'B');
		const kicked = waitFor(victim!.socket, 'player:kicked');
		const dropped = new Promise<string>((resolve) => victim!.socket.once('disconnect', resolve));
		const spared = collectFor(bystander!.socket, 'player:kicked', 700);

		expectOk(await emitAck(host.socket, 'host:kick', { playerId: victim!.playerId }));
		await kicked;
		expect(await dropped).toBe('io server disconnect');
		expect(await spared).toEqual([]);
		expect(bystander!.socket.connected).toBe(true);
		expect(await a.ctx.live.playerCount(pin)).toBe(1);
	});
});
