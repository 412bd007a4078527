// The benchmarks' dealings with a shared Redis: dropping a run's own keys at the end, and reading
// `INFO commandstats` before and after a phase to count the commands it cost. The parsing and the
// difference are pure, so that tests/bench/redis-stats.test.ts can check them.
import { createClient } from 'redis';

/** Calls per command, from the text of `INFO commandstats` ("cmdstat_get:calls=3,usec=…"). */
export function parseCommandStats(info: string): Record<string, number> {
	const calls: Record<string, number> = {};
	for (const m of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls[m[1]!] = Number(m[2]);
	return calls;
}

export interface CommandDelta {
	/** Every command called in between, but the INFO reads themselves. */
	total: number;
	/** PUBLISH and SPUBLISH: each one message from a process to the others (Socket.IO adapter). */
	publish: number;
	/** The commands called most, most first. */
	top: [string, number][];
}

const OWN = new Set(['info']);

export function commandDelta(
	before: Record<string, number>,
	after: Record<string, number>,
	topN = 5
): CommandDelta {
	const diffs: [string, number][] = [];
	for (const [cmd, n] of Object.entries(after)) {
		if (OWN.has(cmd)) continue;
		const d = n - (before[cmd] ?? 0);
		if (d > 0) diffs.push([cmd, d]);
	}
	diffs.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
	const of = (cmd: string) => diffs.find(([c]) => c === cmd)?.[1] ?? 0;
	return {
		total: diffs.reduce((s, [, d]) => s + d, 0),
		publish: of('publish') + of('spublish'),
		top: diffs.slice(0, topN)
	};
}

/**
 * `INFO commandstats` of the Redis at each URL (a cluster's nodes), summed per command; null when
 * any cannot be read.
 */
export async function readCommandStats(urls: string[]): Promise<Record<string, number> | null> {
	const all = await Promise.all(urls.map(readNodeStats));
	if (all.some((s) => s === null)) return null;
	const sum: Record<string, number> = {};
	for (const stats of all) {
		for (const [cmd, n] of Object.entries(stats!)) sum[cmd] = (sum[cmd] ?? 0) + n;
	}
	return sum;
}

async function readNodeStats(url: string): Promise<Record<string, number> | null> {
	const raw = createClient({ url });
	raw.on('error', () => {});
	try {
		await raw.connect();
		return parseCommandStats(await raw.info('commandstats'));
	} catch {
		return null;
	} finally {
		await raw.quit().catch(() => {});
	}
}

/**
 * Deletes every key under the run's prefix on each node, once its servers have stopped writing
 * them. One key per UNLINK: on a cluster node, keys of one scan page may lie in different slots.
 */
export async function dropPrefix(urls: string[], prefix: string, who = 'bench'): Promise<void> {
	for (const url of urls) {
		const raw = createClient({ url });
		raw.on('error', () => {});
		try {
			await raw.connect();
			for await (const keys of raw.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) {
				await Promise.all(keys.map((k) => raw.unlink(k)));
			}
		} catch (e) {
			console.error(`${who}: could not drop ${prefix}:* from ${url}: ${(e as Error).message}`);
		} finally {
			await raw.quit().catch(() => {});
		}
	}
}
