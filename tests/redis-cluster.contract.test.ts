// The live-store, Q&A-store and contest-board contracts on a real three-master Redis Cluster the
// file starts itself (ports 7101-7103), and where the cluster puts rooms: each room's keys on one
// master, different rooms on different masters.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoomCreationLimiter } from '../src/lib/server/abuse/room-creation';
import { redisLimiters } from '../src/lib/server/limiters';
import { RedisLiveStore } from '../src/lib/server/live/redis';
import { closeRedis } from '../src/lib/server/live/redis-base';
import { createRedis } from '../src/lib/server/live/redis-client';
import { registerContestBoardStoreContract } from './contracts/contest-board-store.contract';
import {
	lobbyState,
	quick,
	quiz,
	registerLiveStoreContract
} from './contracts/live-store.contract';
import { registerQaStoreContract } from './contracts/qa-store.contract';
import { redisBoardTarget, redisLiveTarget, redisQaTarget } from './contracts/redis-targets';
import { clusterNeeds, lazyCluster } from './support/redis-cluster';

const needs = await clusterNeeds('redis-cluster contracts');
const cluster = lazyCluster(needs);
afterAll(() => cluster.stop());

registerLiveStoreContract(redisLiveTarget(cluster.endpoint));
registerQaStoreContract(redisQaTarget(cluster.endpoint));
registerContestBoardStoreContract(redisBoardTarget(cluster.endpoint));

describe.skipIf(needs.skip)('rooms on a Redis Cluster', () => {
	beforeAll(() => needs.check());

	it('keeps each room on one master and spreads 20 rooms over at least 2 of the 3', async () => {
		const { url, urls } = await cluster.get();
		const prefix = `anda-spread-${randomUUID().slice(0, 8)}`;
		const store = await RedisLiveStore.connect(url, { prefix, cluster: true });
		try {
			const pins = Array.from({ length: 20 }, (_, i) => String(300_000 + i * 7919));
			for (const pin of pins) {
				expect(await store.createRoom({ state: lobbyState(pin), quiz, ...quick('h') })).toBe(true);
				const joined = await store.addPlayer(
					pin,
					{
						id: `p-${pin}`,
						nickname: 'Ann',
						joinedAt: 1,
						score: 0,
						streak: 0,
						correctCount: 0,
						totalTimeMs: 0,
						kicked: false
					},
					'ann',
					`t-${pin}`
				);
				expect(joined).toEqual({ outcome: 'ok', count: 1 });
			}
			expect(new Set(await store.activePins())).toEqual(new Set(pins));

			const byNode = await cluster.get().then((c) => c.keysByNode(`${prefix}:*`));
			const mastersOf = new Map<string, Set<string>>();
			for (const [node, keys] of byNode) {
				for (const key of keys) {
					// Keys without a tag stand alone (a process's heartbeat): no slot to share.
					const tag = /\{([^}]*)\}/.exec(key)?.[1];
					if (tag === undefined) continue;
					if (!mastersOf.has(tag)) mastersOf.set(tag, new Set());
					mastersOf.get(tag)!.add(node);
				}
			}
			// Every room's keys (state, quiz, players, leaderboard, …) share one master; so do the
			// clock's, under `{clock}`.
			for (const pin of pins) expect([...mastersOf.get(pin)!]).toHaveLength(1);
			expect([...mastersOf.get('clock')!]).toHaveLength(1);
			const used = new Set(pins.map((pin) => [...mastersOf.get(pin)!][0]));
			expect(used.size).toBeGreaterThanOrEqual(2);
			for (const node of used) expect(urls).toContain(node);
			for (const pin of pins) await store.deleteRoom(pin);
		} finally {
			await store.close();
		}
	});

	it('shares the room-opening limits between two processes', async () => {
		const { url } = await cluster.get();
		const prefix = `anda-limits-${randomUUID().slice(0, 8)}`;
		const clients = [createRedis({ url, cluster: true }), createRedis({ url, cluster: true })];
		await Promise.all(clients.map((c) => c.connect()));
		try {
			const limits = {
				roomsPerIp: { points: 3, durationS: 60 },
				roomsPerAccount: { points: 9, durationS: 60 }
			};
			const [one, two] = clients.map(
				(c) => new RoomCreationLimiter(redisLimiters(c, prefix), limits)
			);
			// Addresses spread over the shards; each one's window is one key, counted by both.
			for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4']) {
				expect(await one!.take(ip, null)).toEqual({ ok: true });
				expect(await two!.take(ip, null)).toEqual({ ok: true });
				expect(await one!.take(ip, null)).toEqual({ ok: true });
				expect((await two!.take(ip, null)).ok).toBe(false);
			}
		} finally {
			for (const c of clients) await closeRedis(c);
		}
	});
});
