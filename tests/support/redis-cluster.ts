// A real three-master Redis Cluster of the test's own: three `redis-server --cluster-enabled yes`
// on ports 7101-7103 (bus ports 17101-17103), joined by `redis-cli --cluster create`, no replicas,
// no persistence; killed at the end. Missing binaries skip the suite with one stderr line, or fail
// it under ANDA_REQUIRE_SERVICES=1 (see faults/requirements.ts).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createClient } from 'redis';
import type { RedisEndpoint } from '../contracts/redis-targets';
import { RedisProcess } from './faults/redis-process';
import { faultNeeds, type FaultNeeds } from './faults/requirements';

const run = promisify(execFile);

/** The ports this suite may use; their cluster bus ports are these plus 10000. */
export const CLUSTER_PORTS = [7101, 7102, 7103] as const;

/** What a cluster suite needs: redis-server and redis-cli. */
export function clusterNeeds(suite: string): Promise<FaultNeeds> {
	return faultNeeds(suite, { redisServer: true, redisCli: true });
}

async function clusterInfo(url: string): Promise<string> {
	const client = createClient({ url, socket: { reconnectStrategy: false } });
	client.on('error', () => {});
	try {
		await client.connect();
		return String(await client.sendCommand(['CLUSTER', 'INFO']));
	} finally {
		client.destroy();
	}
}

export class RedisCluster {
	private constructor(private readonly nodes: RedisProcess[]) {}

	/** Starts the three nodes, makes them one cluster and waits until every node says it is ok. */
	static async start(needs: FaultNeeds): Promise<RedisCluster> {
		if (!needs.redisServer || !needs.redisCli) throw new Error('redis-server or redis-cli missing');
		const nodes: RedisProcess[] = [];
		const cluster = new RedisCluster(nodes);
		try {
			for (const port of CLUSTER_PORTS) {
				const node = await RedisProcess.create(needs.redisServer, port, { cluster: true });
				nodes.push(node);
				await node.start();
			}
			const addresses = CLUSTER_PORTS.map((p) => `127.0.0.1:${p}`);
			await run(
				needs.redisCli,
				['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'],
				{ timeout: 20_000 }
			);
			await cluster.waitOk();
			return cluster;
		} catch (e) {
			await cluster.stop();
			throw e;
		}
	}

	/** Every node agrees the slots are covered and the cluster serves (bounded). */
	private async waitOk(): Promise<void> {
		for (let i = 0; i < 200; i++) {
			const infos = await Promise.all(this.urls.map((u) => clusterInfo(u).catch(() => '')));
			if (infos.every((info) => info.includes('cluster_state:ok'))) return;
			await new Promise((r) => setTimeout(r, 50));
		}
		throw new Error('the Redis Cluster did not reach cluster_state:ok within 10 s');
	}

	get urls(): string[] {
		return this.nodes.map((n) => n.url);
	}

	/** REDIS_URL for a cluster: every node, comma-separated (one would do). */
	get url(): string {
		return this.urls.join(',');
	}

	/** The keys matching `pattern` on each master, by its URL: where the cluster put them. */
	async keysByNode(pattern: string): Promise<Map<string, string[]>> {
		const out = new Map<string, string[]>();
		for (const url of this.urls) {
			const client = createClient({ url });
			client.on('error', () => {});
			await client.connect();
			try {
				const keys: string[] = [];
				for await (const batch of client.scanIterator({ MATCH: pattern, COUNT: 500 })) {
					keys.push(...batch);
				}
				out.set(url, keys);
			} finally {
				client.destroy();
			}
		}
		return out;
	}

	async stop(): Promise<void> {
		for (const node of this.nodes.splice(0)) await node.dispose();
	}
}

/**
 * One cluster for a whole test file, started by the first suite that needs it (a file whose
 * suites are all skipped starts none) and stopped by `stop` in the file's afterAll.
 */
export function lazyCluster(needs: FaultNeeds) {
	let started: Promise<RedisCluster> | null = null;
	const get = () => {
		if (!started) {
			needs.check();
			started = RedisCluster.start(needs);
		}
		return started;
	};
	const endpoint: RedisEndpoint = {
		name: 'redis cluster',
		skip: needs.skip,
		cluster: true,
		url: async () => (await get()).url,
		scan: async (pattern) => [...(await (await get()).keysByNode(pattern)).values()].flat()
	};
	return {
		get,
		endpoint,
		async stop() {
			const cluster = await started?.catch(() => null);
			started = null;
			await cluster?.stop();
		}
	};
}
