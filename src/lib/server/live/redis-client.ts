// How Anda reaches Redis: one server (`createClient`) or a Redis Cluster (`createCluster`), chosen
// by the deployment (ANDA_REDIS_CLUSTER=1). Every Redis user — the live stores, the rate limits,
// the Socket.IO adapter — makes its client here, so that they all agree on which it is.
import { createClient, createCluster } from 'redis';
import { log } from '../log';

/** Where Redis is: REDIS_URL (in a cluster, one or more nodes' URLs, comma-separated). */
export interface RedisTarget {
	url: string;
	cluster: boolean;
}

function makeClient(url: string) {
	return createClient({ url });
}
/**
 * The client every store holds. A cluster client is typed as it too: it has the same key
 * commands (each routed to the shard of its first key), and a store sends nothing else.
 */
export type RedisClient = ReturnType<typeof makeClient>;

/** The URLs in REDIS_URL: one for a single Redis, any of the nodes for a cluster. */
export function redisNodeUrls(url: string): string[] {
	return url
		.split(',')
		.map((u) => u.trim())
		.filter((u) => u !== '');
}

/**
 * The nodes a cluster client learns from the root nodes are reached with `defaults`, never with
 * the root nodes' URLs: the credentials and TLS of the first URL go there too.
 */
function clusterDefaults(url: string) {
	const u = new URL(url);
	return {
		...(u.username ? { username: decodeURIComponent(u.username) } : {}),
		...(u.password ? { password: decodeURIComponent(u.password) } : {}),
		...(u.protocol === 'rediss:' ? { socket: { tls: true as const } } : {})
	};
}

/** A client (not yet connected) for `target`. */
export function createRedis(target: RedisTarget): RedisClient {
	if (!target.cluster) return makeClient(target.url);
	const urls = redisNodeUrls(target.url);
	if (urls.length === 0) throw new Error('REDIS_URL names no cluster node');
	const cluster = createCluster({
		rootNodes: urls.map((url) => ({ url })),
		defaults: clusterDefaults(urls[0]!)
	});
	// A node that drops is reconnected by the cluster client; say so rather than throw.
	cluster.on('node-error', (e: Error, node: unknown) =>
		log.warn({ err: e, node }, 'redis cluster node')
	);
	return cluster as unknown as RedisClient;
}

/** Whether a client made by createRedis is a cluster client. */
export function isCluster(client: unknown): boolean {
	return Array.isArray((client as { masters?: unknown }).masters);
}
