// The Redis targets of the live-store, Q&A-store and contest-board contracts, for one Redis or a
// Redis Cluster: the same stores, connected with `cluster` on or off, and the few raw reads a rule
// makes beside the store (which keys a room left, their lifetimes).
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { expect } from 'vitest';
import { RedisContestBoardStore } from '../../src/lib/server/live/contest-board-redis';
import { RedisQaStore } from '../../src/lib/server/live/qa-redis';
import { RedisLiveStore } from '../../src/lib/server/live/redis';
import { createRedis } from '../../src/lib/server/live/redis-client';
import type { ContestBoardStoreTarget } from './contest-board-store.contract';
import {
	lobbyState,
	quick,
	quiz,
	ranked,
	scored,
	standing,
	type LiveFixture,
	type LiveStoreTarget
} from './live-store.contract';
import type { QaStoreTarget } from './qa-store.contract';
import { redisAvailable, redacted, REQUIRE_SERVICES } from '../support/services';

export interface RedisEndpoint {
	/** Shown in the suite's title: `redis`, `redis cluster`. */
	name: string;
	/** The service is missing and not required (the skip line was printed). */
	skip: boolean;
	cluster: boolean;
	/** REDIS_URL once the service is there; throws, saying why, when it is not. */
	url(): Promise<string>;
	/** Every key matching `pattern`, wherever (on a cluster: on whichever master) it lives. */
	scan(pattern: string): Promise<string[]>;
}

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * The shared Redis (TEST_REDIS_URL). Down, the suite is skipped with one stderr line naming
 * `suite`, or fails when services are required (CI).
 */
export async function sharedRedis(suite: string): Promise<RedisEndpoint> {
	const up = await redisAvailable(REDIS_URL);
	if (!up && !REQUIRE_SERVICES) {
		process.stderr.write(
			`[skip] Redis not reachable at ${redacted(REDIS_URL)}: ${suite} Redis suite skipped\n`
		);
	}
	return {
		name: 'redis',
		skip: !up && !REQUIRE_SERVICES,
		cluster: false,
		async url() {
			if (!up) {
				throw new Error(
					`Redis not reachable at ${redacted(REDIS_URL)} and ANDA_REQUIRE_SERVICES=1`
				);
			}
			return REDIS_URL;
		},
		async scan(pattern) {
			const raw = createClient({ url: REDIS_URL });
			raw.on('error', () => {});
			await raw.connect();
			try {
				const keys: string[] = [];
				for await (const batch of raw.scanIterator({ MATCH: pattern, COUNT: 100 })) {
					keys.push(...batch);
				}
				return keys;
			} finally {
				raw.destroy();
			}
		}
	};
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A client beside the stores, for what a rule reads or deletes behind their back. */
async function rawClient(endpoint: RedisEndpoint) {
	const raw = createRedis({ url: await endpoint.url(), cluster: endpoint.cluster });
	raw.on('error', () => {});
	await raw.connect();
	return raw;
}

export function redisLiveTarget(endpoint: RedisEndpoint): LiveStoreTarget {
	return {
		name: endpoint.name,
		skip: endpoint.skip,
		async open() {
			const url = await endpoint.url();
			const cluster = endpoint.cluster;
			// Its own key prefix: the clocks of integration servers running beside this suite on the
			// same Redis must not see (and take over) the contract's rooms.
			const prefix = `anda-contract-${randomUUID().slice(0, 8)}`;
			const store = await RedisLiveStore.connect(url, { prefix, cluster });
			return {
				store,
				elapse: sleep,
				async peer() {
					const other = await RedisLiveStore.connect(url, { prefix, cluster });
					return { store: other, processId: other.processId, crash: () => other.close() };
				},
				proveRoomsExpire: (fixture) => redisRoomsExpire(endpoint, fixture, prefix),
				async withLobbyIdle(lobbyIdleMs) {
					const other = await RedisLiveStore.connect(url, { lobbyIdleMs, prefix, cluster });
					return { store: other, elapse: sleep, dispose: () => other.close() };
				},
				async withScoreChunk(scoreChunk) {
					const other = await RedisLiveStore.connect(url, { scoreChunk, prefix, cluster });
					return { store: other, dispose: () => other.close() };
				},
				async dispose() {
					await store.close();
				}
			};
		}
	};
}

async function redisRoomsExpire(
	endpoint: RedisEndpoint,
	{ store, roomWithQuestion, command }: LiveFixture,
	prefix: string
) {
	const raw = await rawClient(endpoint);
	try {
		const state = await roomWithQuestion(2, true);
		const pin = state.pin;
		await store().setOnline(pin, 'p1', 1);
		await store().submitAnswer(pin, 0, 'p1', { choices: [1] }, state.openedAt + 1000);
		await store().kickPlayer(pin, 'p2');
		await command(pin, { type: 'next' }, state.openedAt + 2000);
		await store().commitScores(
			pin,
			scored(0),
			[ranked('p1', 950, 950, 1)],
			[standing('p1', 950, 1000)]
		);
		await store().acquireLease(pin, 'A', 10_000);
		expect(await store().raceAppend(pin, '1:o1', 'p1', state.openedAt + 3000)).not.toBeNull();
		// 'stake' is not in the phase list on this branch yet; the state is written as a room in it.
		const now = (await store().getState(pin))!;
		const staking = { ...now, phase: 'stake' as never, index: 1, version: now.version + 1 };
		expect(await store().casState(pin, now.version, staking)).toBe(true);
		expect(await store().setStake(pin, 1, 'p1', 200)).toBe('ok');

		const keys = await endpoint.scan(`${prefix}:{${pin}}:*`);
		expect(keys.length).toBeGreaterThanOrEqual(12);
		const ttls = await Promise.all(keys.map((key) => raw.pTTL(key)));
		const forever = keys.filter((_, i) => ttls[i]! < 0);
		expect(forever).toEqual([]);

		// The state expires (simulated): the room is gone and no longer active.
		expect(await store().activePins()).toContain(pin);
		await raw.del(`${prefix}:{${pin}}:state`);
		expect(await store().activePins()).not.toContain(pin);

		// Its other keys may outlive it for a while; a new room under the PIN inherits none of them.
		expect(await store().createRoom({ state: lobbyState(pin), quiz, ...quick('new') })).toBe(true);
		expect(await store().playerCount(pin)).toBe(0);
		expect(await store().listPlayers(pin)).toEqual([]);
		expect(await store().answerCount(pin, 0)).toBe(0);
		expect(await store().onlineCount(pin)).toBe(0);
		expect(await store().getScored(pin, 0)).toBeNull();
		expect(await store().readRace(pin, '1:o1')).toEqual([]);
		expect(await store().listStakes(pin, 1)).toEqual({});
		await store().deleteRoom(pin);
	} finally {
		await raw.quit();
	}
}

export function redisQaTarget(endpoint: RedisEndpoint): QaStoreTarget {
	return {
		name: endpoint.name,
		skip: endpoint.skip,
		async open() {
			const url = await endpoint.url();
			const cluster = endpoint.cluster;
			// Its own key prefix: nothing else on this Redis sees (or is seen by) the contract's events.
			const prefix = `anda-qa-contract-${randomUUID().slice(0, 8)}`;
			const store = await RedisQaStore.connect(url, { prefix, cluster });
			const raw = await rawClient(endpoint);
			return {
				store,
				async peer() {
					const other = await RedisQaStore.connect(url, { prefix, cluster });
					return { store: other, dispose: () => other.close() };
				},
				async dispose() {
					// The identity secret is the one key outside any event; this prefix's goes with it.
					await raw.del(`${prefix}:qa-identity-secret`);
					await raw.quit();
					await store.close();
				}
			};
		}
	};
}

export function redisBoardTarget(endpoint: RedisEndpoint): ContestBoardStoreTarget {
	return {
		name: endpoint.name,
		skip: endpoint.skip,
		async open() {
			const url = await endpoint.url();
			// Its own key prefix: nothing else on this Redis sees (or is seen by) the contract's boards.
			const prefix = `anda-board-contract-${randomUUID().slice(0, 8)}`;
			const store = await RedisContestBoardStore.connect(url, {
				prefix,
				cluster: endpoint.cluster
			});
			return { store, dispose: () => store.close() };
		}
	};
}
