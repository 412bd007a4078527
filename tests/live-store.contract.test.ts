// Runs the live store contract against the memory store and a real Redis (a Redis Cluster:
// redis-cluster.contract.test.ts).
import { expect } from 'vitest';
import { applyCommand } from '../src/lib/domain/room';
import { MemoryLiveStore } from '../src/lib/server/live/memory';
import { ROOM_TTL_MS } from '../src/lib/server/live/port';
import {
	lobbyState,
	quick,
	quiz,
	registerLiveStoreContract
} from './contracts/live-store.contract';
import { redisLiveTarget, sharedRedis } from './contracts/redis-targets';

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

registerLiveStoreContract(redisLiveTarget(await sharedRedis('live-store')));
