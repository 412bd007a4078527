// Two server processes on a real three-master Redis Cluster (started by this file on ports
// 7101-7103) serve one room: players on both see the question, answer, get their own results and
// the leaderboard. The room's broadcasts travel on one shard channel (the sharded adapter's
// SPUBLISH), which both processes listen on and no classic pub/sub channel carries.
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CORRECT, Q, makeQuiz } from '../support/quizzes';
import { clusterNeeds, lazyCluster } from '../support/redis-cluster';
import {
	attachHost,
	attachScreen,
	closeClients,
	collectFor,
	command,
	emitAck,
	expectOk,
	makePlayers,
	startTestServer,
	TEST_REDIS_PREFIX,
	until,
	waitFor,
	waitForResult,
	type TestServer
} from '../support/server';

const needs = await clusterNeeds('cluster-two-processes');
const cluster = lazyCluster(needs);

/** What each master says about `query` (PUBSUB SHARDCHANNELS / SHARDNUMSUB / CHANNELS …). */
async function pubsubOnEachNode(urls: string[], query: string[]): Promise<unknown[]> {
	const out: unknown[] = [];
	for (const url of urls) {
		const client = createClient({ url });
		client.on('error', () => {});
		await client.connect();
		try {
			out.push(await client.sendCommand(['PUBSUB', ...query]));
		} finally {
			client.destroy();
		}
	}
	return out;
}

describe.skipIf(needs.skip)('two processes, one room, on a Redis Cluster', () => {
	const servers: TestServer[] = [];
	beforeAll(() => needs.check());
	afterEach(async () => {
		closeClients();
		for (const s of servers.splice(0)) await s.close();
	});
	afterAll(() => cluster.stop());

	it('plays a question across both processes through shard channels', async () => {
		const { url, urls } = await cluster.get();
		const a = await startTestServer({ redisUrl: url, redisCluster: true });
		servers.push(a);
		const b = await startTestServer({ redisUrl: url, redisCluster: true });
		servers.push(b);
		const { pin, hostSecret } = await a.createRoom(makeQuiz({ id: 'itest-cluster' }));

		const host = await attachHost(a.url, pin, hostSecret);
		const arrived = new Set<string>();
		host.socket.on('room:players', (d) => d.joined.forEach((p) => arrived.add(p.id)));
		const onA = await makePlayers(a.url, pin, 2, 'A');
		const onB = await makePlayers(b.url, pin, 2, 'B');
		const everyone = [...onA, ...onB];
		// Arrivals on B reach the host on A through the adapter.
		await until(() => everyone.every((p) => arrived.has(p.playerId)), 3000, 'arrivals at the host');

		// The room's channel is a shard channel on one master, heard by both processes.
		const channel = `${TEST_REDIS_PREFIX}-socket.io#/#r:${pin}#`;
		const shardChannels = (await pubsubOnEachNode(urls, ['SHARDCHANNELS', channel])) as string[][];
		expect(shardChannels.filter((list) => list.includes(channel))).toHaveLength(1);
		const counts = (await pubsubOnEachNode(urls, ['SHARDNUMSUB', channel])) as [string, number][];
		expect(counts.reduce((n, reply) => n + Number(reply[1]), 0)).toBe(2);
		const classic = (await pubsubOnEachNode(urls, ['CHANNELS', `${TEST_REDIS_PREFIX}*`])) as [];
		expect(classic.flat()).toEqual([]);
		// No channel of a player's own: a subscription per room, never one per join.
		const own = `${TEST_REDIS_PREFIX}-socket.io#/#p:${pin}:*`;
		const perPlayer = (await pubsubOnEachNode(urls, ['SHARDCHANNELS', own])) as string[][];
		expect(perPlayer.flat()).toEqual([]);

		// The host's start, broadcast from A, opens the question on every phone of both processes.
		const opened = everyone.map((p) =>
			waitFor(p.socket, 'room:view', (v) => v.phase === 'question' && v.index === Q.single)
		);
		await command(host, { type: 'start' });
		for (const v of await Promise.all(opened)) expect(v.question?.stem).toBeTruthy();

		// Answers from both sides; A's first player answers wrong. Each process delivers its own
		// players' results once the question closes (all online players answered).
		const results = everyone.map((p) => waitForResult(p.socket, 0));
		for (const [i, p] of everyone.entries()) {
			const choices = i === 0 ? [0] : CORRECT[Q.single];
			expectOk(await emitAck(p.socket, 'player:answer', { index: Q.single, answer: { choices } }));
		}
		const got = await Promise.all(results);
		expect(got[0]).toMatchObject({ answered: true, correct: false, points: 0, playerCount: 4 });
		for (const r of got.slice(1)) {
			expect(r).toMatchObject({ answered: true, correct: true, playerCount: 4 });
			expect(r.points).toBeGreaterThan(500);
		}
		expect(got[0]!.rank).toBe(4);

		// The leaderboard reaches the host on A and a big screen on B, with all four players;
		// the phones keep their results (they are not sent that step).
		const screen = await attachScreen(b.url, pin);
		const phoneBoards = everyone.map((p) =>
			collectFor(p.socket, 'room:view', 500, (v) => v.phase === 'leaderboard')
		);
		const boards = [host.socket, screen.socket].map((s) =>
			waitFor(s, 'room:view', (v) => v.phase === 'leaderboard')
		);
		await command(host, { type: 'next' });
		for (const got of await Promise.all(phoneBoards)) expect(got).toEqual([]);
		for (const v of await Promise.all(boards)) {
			expect(v.leaderboard?.map((row) => row.playerId).sort()).toEqual(
				everyone.map((p) => p.playerId).sort()
			);
			expect(v.leaderboard?.at(-1)?.playerId).toBe(onA[0]!.playerId);
		}
	}, 30_000);
});
