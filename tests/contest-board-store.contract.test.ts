// Runs the contest board store contract against the memory store and a real Redis (a Redis
// Cluster: redis-cluster.contract.test.ts).
import { MemoryContestBoardStore } from '../src/lib/server/live/contest-board-memory';
import { registerContestBoardStoreContract } from './contracts/contest-board-store.contract';
import { redisBoardTarget, sharedRedis } from './contracts/redis-targets';

registerContestBoardStoreContract({
	name: 'memory',
	skip: false,
	async open() {
		const store = new MemoryContestBoardStore();
		return { store, dispose: () => store.close() };
	}
});

registerContestBoardStoreContract(redisBoardTarget(await sharedRedis('contest board')));
