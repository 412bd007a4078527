// Runs the Q&A store contract against the memory store and a real Redis.
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { MemoryQaStore } from '../src/lib/server/live/qa-memory';
import { RedisQaStore } from '../src/lib/server/live/qa-redis';
import { registerQaStoreContract } from './contracts/qa-store.contract';
import { redisAvailable, redacted, REQUIRE_SERVICES } from './support/services';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const redisUp = await redisAvailable(REDIS_URL);
if (!redisUp && !REQUIRE_SERVICES) {
	process.stderr.write(
		`[skip] Redis not reachable at ${redacted(REDIS_URL)}: Q&A store Redis suite skipped\n`
	);
}

registerQaStoreContract({
	name: 'memory',
	skip: false,
	async open() {
		const store = new MemoryQaStore();
		// One process's memory: a second handle is the same store.
		return {
			store,
			peer: async () => ({ store, dispose: async () => {} }),
			dispose: () => store.close()
		};
	}
});

registerQaStoreContract({
	name: 'redis',
	skip: !redisUp && !REQUIRE_SERVICES,
	async open() {
		if (!redisUp) {
			throw new Error(`Redis not reachable at ${redacted(REDIS_URL)} and ANDA_REQUIRE_SERVICES=1`);
		}
		// Its own key prefix: nothing else on this Redis sees (or is seen by) the contract's events.
		const prefix = `anda-qa-contract-${randomUUID().slice(0, 8)}`;
		const store = await RedisQaStore.connect(REDIS_URL, { prefix });
		const raw = createClient({ url: REDIS_URL });
		raw.on('error', () => {});
		await raw.connect();
		return {
			store,
			async peer() {
				const other = await RedisQaStore.connect(REDIS_URL, { prefix });
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
});
