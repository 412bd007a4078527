// Runs the live store contract against the memory store and a real Redis.
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { expect } from 'vitest';
import { applyCommand } from '../src/lib/domain/room';
import { MemoryLiveStore } from '../src/lib/server/live/memory';
import { ROOM_TTL_MS } from '../src/lib/server/live/port';
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
				const short = new MemoryLiveStore(Date.now, { retainEndedMs: 30 });
				await short.createRoom({ state: lobbyState('141414'), quiz, ...quick('h') });
				await short.createRoom({ state: lobbyState('151515'), quiz, ...quick('h') });
				await short.markInactive('141414');
				expect(await short.getState('141414')).not.toBeNull();
				await new Promise((r) => setTimeout(r, 90));
				expect(await short.getState('141414')).toBeNull();
				expect(await short.getState('151515')).not.toBeNull();

				// A started room nobody finishes is freed once the room lifetime has passed since its
				// start, as Redis's keys expire.
				let now = 1_000_000;
				const aged = new MemoryLiveStore(() => now);
				const lobby = lobbyState('161616');
				await aged.createRoom({ state: lobby, quiz, ...quick('h') });
				const started = applyCommand(lobby, { type: 'start' }, lobby.createdAt + 1000, () => 20);
				if (!started.ok) throw new Error(started.message);
				expect(await aged.casState('161616', lobby.version, started.state)).toBe(true);
				now += ROOM_TTL_MS - 1000;
				expect(await aged.expireRooms(100)).toEqual([]);
				now += 2000;
				expect(await aged.expireRooms(100)).toEqual(['161616']);
				expect(await aged.getState('161616')).toBeNull();
			},
			async withLobbyIdle(lobbyIdleMs) {
				let now = 5_000_000;
				return {
					store: new MemoryLiveStore(() => now, { lobbyIdleMs }),
					async elapse(ms) {
						now += ms;
					},
					async dispose() {}
				};
			},
			async withScoreChunk(scoreChunk) {
				return { store: new MemoryLiveStore(() => fakeNow, { scoreChunk }), async dispose() {} };
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
				return { store: other, processId: other.processId, crash: () => other.close() };
			},
			proveRoomsExpire: (fixture) => redisRoomsExpire(fixture, prefix),
			async withLobbyIdle(lobbyIdleMs) {
				const other = await RedisLiveStore.connect(REDIS_URL, { lobbyIdleMs, prefix });
				return { store: other, elapse: sleep, dispose: () => other.close() };
			},
			async withScoreChunk(scoreChunk) {
				const other = await RedisLiveStore.connect(REDIS_URL, { scoreChunk, prefix });
				return { store: other, dispose: () => other.close() };
			},
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
		expect(await store().raceAppend(pin, '1:o1', 'p1', state.openedAt + 3000)).not.toBeNull();
		// 'stake' is not in the phase list on this branch yet; the state is written as a room in it.
		const now = (await store().getState(pin))!;
		const staking = { ...now, phase: 'stake' as never, index: 1, version: now.version + 1 };
		expect(await store().casState(pin, now.version, staking)).toBe(true);
		expect(await store().setStake(pin, 1, 'p1', 200)).toBe('ok');

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
