// Runs the Q&A store contract against the memory store and a real Redis (a Redis Cluster:
// redis-cluster.contract.test.ts).
import { MemoryQaStore } from '../src/lib/server/live/qa-memory';
import { registerQaStoreContract } from './contracts/qa-store.contract';
import { redisQaTarget, sharedRedis } from './contracts/redis-targets';

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

registerQaStoreContract(redisQaTarget(await sharedRedis('Q&A store')));
