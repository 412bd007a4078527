// What every Redis-backed live store shares: one client with an error listener (a dropped
// connection is logged and reconnected by the client, never an unhandled 'error' event), Lua
// scripts run by SHA with a fallback to their source, and keys that share a session's hash tag so
// that one session lives in one cluster slot (on a Redis Cluster a script, a MULTI or a multi-key
// command may only touch one slot; the cluster client routes it by its first key).
import { createHash } from 'node:crypto';
import { log } from '../log';
import { createRedis, isCluster, type RedisClient } from './redis-client';

export type { RedisClient } from './redis-client';

/** A Lua script, loaded by SHA on first use. */
export class LuaScript {
	readonly sha: string;
	constructor(readonly source: string) {
		this.sha = createHash('sha1').update(source).digest('hex');
	}
}

/** Key names of one kind of session: `anda:{id}:part`, plus keys outside any session. */
export function keyspace(prefix = 'anda') {
	return {
		of: (id: string, part: string) => `${prefix}:{${id}}:${part}`,
		global: (name: string) => `${prefix}:${name}`
	};
}

/** How long a closing client waits for the replies still due before it drops its connection. */
export const REDIS_CLOSE_GRACE_MS = 2000;

/**
 * Closes a client gracefully (the commands in flight get their replies), but within a bound: a
 * command that a partition left without a reply would otherwise keep the process from stopping.
 */
export async function closeRedis(
	client: { quit(): Promise<unknown>; destroy(): void },
	graceMs = REDIS_CLOSE_GRACE_MS
): Promise<void> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const done = await Promise.race([
		client.quit().then(
			() => true,
			() => true
		),
		new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)))
	]);
	clearTimeout(timer);
	if (!done) {
		log.warn('redis: replies still due at close; connection dropped');
		client.destroy();
	}
}

/** `cluster`: REDIS_URL names nodes of a Redis Cluster (ANDA_REDIS_CLUSTER=1). */
export async function connectRedis(
	url: string,
	label: string,
	cluster = false
): Promise<RedisClient> {
	const client = createRedis({ url, cluster });
	client.on('error', (e: Error) => log.warn({ err: e, label }, 'redis connection'));
	await client.connect();
	return client;
}

export abstract class RedisStoreBase {
	/** The same connection, its commands sent without node-redis's per-command timer. */
	private readonly untimed: RedisClient;

	protected constructor(private readonly connection: RedisClient) {
		this.untimed = isCluster(connection)
			? connection
			: (connection.withCommandOptions({ timeout: 0 }) as RedisClient);
	}

	/**
	 * The client a command goes through. node-redis gives every command a timer
	 * (`AbortSignal.timeout`, 5 s) that only acts while the command waits unwritten, in the
	 * offline queue: a connected client writes what it is given on its next turn and drops the
	 * timer, which still fires 5 s later and builds an abort error nobody reads. In a profile of a
	 * 10,000-player join that was about 6 % of the server's samples. So a connected client sends
	 * without one, and a client that is not ready (reconnecting) keeps it, so that what waits for
	 * Redis still fails after 5 s rather than hanging. Only a command handed over in the very turn
	 * the connection drops waits for the reconnect without one. A cluster client keeps the timers:
	 * its readiness is the slot map's, not each node's.
	 */
	protected get client(): RedisClient {
		return this.connection.isReady ? this.untimed : this.connection;
	}

	/**
	 * Runs a script atomically; a Redis that restarted (NOSCRIPT) gets the source once. On a
	 * cluster EVALSHA goes to the shard of `keys[0]`, where every other key must live too (they
	 * share its hash tag); a shard that never ran the script answers NOSCRIPT the first time.
	 */
	protected async run(script: LuaScript, keys: string[], args: (string | number)[]) {
		const options = { keys, arguments: args.map(String) };
		try {
			return await this.client.evalSha(script.sha, options);
		} catch (e) {
			if (!String((e as Error).message).includes('NOSCRIPT')) throw e;
			return await this.client.eval(script.source, options);
		}
	}

	async ping(): Promise<void> {
		await this.client.ping();
	}

	async close(): Promise<void> {
		await closeRedis(this.connection);
	}
}
