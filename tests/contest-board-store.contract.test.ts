// Runs the contest board store contract against the memory store and a real Redis.
import { randomUUID } from 'node:crypto';
import { MemoryContestBoardStore } from '../src/lib/server/live/contest-board-memory';
import { RedisContestBoardStore } from '../src/lib/server/live/contest-board-redis';
import { registerContestBoardStoreContract } from './contracts/contest-board-store.contract';
import { redisAvailable, redacted, REQUIRE_SERVICES } from './support/services';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const redisUp = await redisAvailable(REDIS_URL);
if (!redisUp && !REQUIRE_SERVICES) {
	process.stderr.write(
		`[skip] Redis not reachable at ${redacted(REDIS_URL)}: contest board Redis suite skipped\n`
	);
}

registerContestBoardStoreContract({
	name: 'memory',
	skip: false,
	async open() {
		const store = new MemoryContestBoardStore();
		return { store, dispose: () => store.close() };
	}
});

registerContestBoardStoreContract({
	name: 'redis',
	skip: !redisUp && !REQUIRE_SERVICES,
	async open() {
		if (!redisUp) {
			throw new Error(`Redis not reachable at ${redacted(REDIS_URL)} and ANDA_REQUIRE_SERVICES=1`);
		}
		// Its own key prefix: nothing else on this Redis sees (or is seen by) the contract's boards.
		const prefix = `anda-board-contract-${randomUUID().slice(0, 8)}`;
		const store = await RedisContestBoardStore.connect(REDIS_URL, { prefix });
		return { store, dispose: () => store.close() };
	}
});
