// Runs the live store contract against the memory store and a real Redis.
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { expect } from 'vitest';
import { MemoryLiveStore } from '../src/lib/server/live/memory';
import { RedisLiveStore } from '../src/lib/server/live/redis';
import {
	lobbyState,
	quick,
	quiz,
	ranked,
	registerLiveStoreContract,
	scored,
	standing,
	type LiveFixture
} from './contracts/live-store.contract';
import { redisAvailable, redacted, REQUIRE_SERVICES } from './support/services';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const redisUp = await redisAvailable(REDIS_URL);
if (!redisUp && !REQUIRE_SERVICES) {
	process.stderr.write(
		`[skip] Redis not reachable at ${redacted(REDIS_URL)}: live-store Redis suite skipped\n`
	);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

registerLiveStoreContract({
	name: 'memory',
	skip: false,
	async open() {
		let fakeNow = 1_000_000;
		const store = new MemoryLiveStore(() => fakeNow);
		return {
			store,
			async elapse(ms) {
				fakeNow += ms;
			},
			async proveRoomsExpire() {
				const short = new MemoryLiveStore(Date.now, 30);
				await short.createRoom({ state: lobbyState('141414'), quiz, ...quick('h') });
				await short.createRoom({ state: lobbyState('151515'), quiz, ...quick('h') });
				await short.markInactive('141414');
				expect(await short.getState('141414')).not.toBeNull();
				await new Promise((r) => setTimeout(r, 90));
				expect(await short.getState('141414')).toBeNull();
				expect(await short.getState('151515')).not.toBeNull();
			},
			async dispose() {
				await store.close();
			}
		};
	}
});

registerLiveStoreContract({
	name: 'redis',
	skip: !redisUp && !REQUIRE_SERVICES,
	async open() {
		if (!redisUp) {
			throw new Error(`Redis not reachable at ${redacted(REDIS_URL)} and ANDA_REQUIRE_SERVICES=1`);
		}
		// Its own key prefix: the clocks of integration servers running beside this suite on the
		// same Redis must not see (and take over) the contract's rooms.
		const prefix = `anda-contract-${randomUUID().slice(0, 8)}`;
		const store = await RedisLiveStore.connect(REDIS_URL, { prefix });
		return {
			store,
			elapse: sleep,
			async peer() {
				const other = await RedisLiveStore.connect(REDIS_URL, { prefix });
				return { store: other, crash: () => other.close() };
			},
			proveRoomsExpire: (fixture) => redisRoomsExpire(fixture, prefix),
			async dispose() {
				await store.close();
			}
		};
	}
});

async function redisRoomsExpire({ store, roomWithQuestion, command }: LiveFixture, prefix: string) {
	const raw = createClient({ url: REDIS_URL });
	raw.on('error', () => {});
	await raw.connect();
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

		const keys: string[] = [];
		for await (const batch of raw.scanIterator({ MATCH: `${prefix}:{${pin}}:*`, COUNT: 100 })) {
			keys.push(...batch);
		}
		expect(keys.length).toBeGreaterThanOrEqual(12);
		const ttls = await Promise.all(keys.map((key) => raw.pTTL(key)));
		const forever = keys.filter((_, i) => ttls[i]! < 0);
		expect(forever).toEqual([]);

		// The state expires (simulated): the room is gone and no longer active.
		expect(await store().activePins()).toContain(pin);
		await raw.del(`${prefix}:{${pin}}:state`);
		expect(await store().activePins()).not.toContain(pin);
	} finally {
		await raw.quit();
	}
}
