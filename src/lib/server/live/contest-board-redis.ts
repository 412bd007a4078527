// The contest hot boards in Redis. A contest's keys share its hash tag (`{contest-ID}`) and the
// deployment's prefix, so one contest lives in one cluster slot and deployments or test suites
// sharing a Redis never see each other's boards. Layout:
//   standings        hash: participant → "attempts:points:timeMs" (as last applied)
//   board            sorted set: participant → entrySortScore (ascending = board order, ties by id)
//   agg:<kind>       hash per kind (unit, province, city, county): "<id>:p|n|a" → counter
//   totals           hash: p, n, a
// No lifetime: a contest runs for weeks and `clear` drops its keys.
import {
	EMPTY_AGGREGATE,
	entrySortScore,
	type Aggregate,
	type AggregateKind,
	type BoardEntry,
	type ContestPoints
} from '../../domain/contest/standings';
import type { BoardRank, ContestBoardStore } from './contest-board-port';
import {
	checkAggregateKeys,
	checkAggregateKind,
	checkContestId,
	checkPage,
	checkStanding
} from './contest-board-input';
import * as lua from './contest-board-redis-scripts';
import { DEFAULT_KEY_PREFIX } from './redis';
import { connectRedis, keyspace, LuaScript, RedisStoreBase, type RedisClient } from './redis-base';

const SCRIPTS = {
	apply: new LuaScript(lua.CONTEST_BOARD_APPLY),
	top: new LuaScript(lua.CONTEST_BOARD_TOP),
	rank: new LuaScript(lua.CONTEST_BOARD_RANK)
};

const KINDS: readonly AggregateKind[] = ['unit', 'province', 'city', 'county'];

/** A held standing back from its "attempts:points:timeMs" spelling. */
function parseStanding(raw: string): ContestPoints {
	const [attempts = 0, points = 0, timeMs = 0] = raw.split(':').map(Number);
	return { points, timeMs, attempts };
}

/** Counters of one aggregate from its three fields (absent when it never counted anyone). */
function toAggregate(p: unknown, n: unknown, a: unknown): Aggregate | null {
	if (n === null || n === undefined) return null;
	return { points: Number(p ?? 0), participants: Number(n), attempts: Number(a ?? 0) };
}

export class RedisContestBoardStore extends RedisStoreBase implements ContestBoardStore {
	readonly kind = 'redis' as const;
	private readonly space: ReturnType<typeof keyspace>;

	private constructor(client: RedisClient, prefix: string) {
		super(client);
		this.space = keyspace(prefix);
	}

	/** Processes that serve the same contests must share the prefix. */
	static async connect(
		url: string,
		opts: { prefix?: string; cluster?: boolean } = {}
	): Promise<RedisContestBoardStore> {
		const client = await connectRedis(url, 'contest board store', opts.cluster);
		return new RedisContestBoardStore(client, opts.prefix ?? DEFAULT_KEY_PREFIX);
	}

	private k(contestId: string, part: string): string {
		checkContestId(contestId);
		return this.space.of(`contest-${contestId}`, part);
	}

	async apply(
		contestId: string,
		participantId: string,
		points: ContestPoints,
		keys: readonly string[]
	): Promise<boolean> {
		checkStanding(participantId, points);
		const parsed = checkAggregateKeys(keys);
		const redisKeys = [
			this.k(contestId, 'standings'),
			this.k(contestId, 'board'),
			this.k(contestId, 'totals'),
			...parsed.map((p) => this.k(contestId, `agg:${p.kind}`))
		];
		const args = [
			participantId,
			points.attempts,
			points.points,
			points.timeMs,
			entrySortScore(points),
			...parsed.map((p) => p.id)
		];
		return (await this.run(SCRIPTS.apply, redisKeys, args)) === 1;
	}

	async top(contestId: string, offset: number, limit: number): Promise<BoardEntry[]> {
		checkPage(offset, limit);
		// ZRANGE 0 -1 is the whole set: an empty page must not reach Redis as one.
		if (limit === 0) return [];
		const keys = [this.k(contestId, 'board'), this.k(contestId, 'standings')];
		const out = (await this.run(SCRIPTS.top, keys, [offset, offset + limit - 1])) as string[];
		const entries: BoardEntry[] = [];
		for (let i = 0; i + 1 < out.length; i += 2) {
			entries.push({ id: out[i]!, ...parseStanding(out[i + 1]!) });
		}
		return entries;
	}

	async rankOf(contestId: string, participantId: string): Promise<BoardRank | null> {
		const keys = [this.k(contestId, 'board'), this.k(contestId, 'standings')];
		const out = (await this.run(SCRIPTS.rank, keys, [participantId])) as [number, string] | null;
		if (!out) return null;
		return { rank: Number(out[0]) + 1, entry: { id: participantId, ...parseStanding(out[1]) } };
	}

	async size(contestId: string): Promise<number> {
		return this.client.zCard(this.k(contestId, 'board'));
	}

	async aggregates(contestId: string, kind: AggregateKind): Promise<Map<string, Aggregate>> {
		checkAggregateKind(kind);
		const all = await this.client.hGetAll(this.k(contestId, `agg:${kind}`));
		const ids = new Set<string>();
		// An id may itself hold ':'; the counter's letter is after the last one.
		for (const field of Object.keys(all)) ids.add(field.slice(0, field.lastIndexOf(':')));
		const out = new Map<string, Aggregate>();
		for (const id of ids) {
			const a = toAggregate(all[`${id}:p`], all[`${id}:n`], all[`${id}:a`]);
			if (a) out.set(id, a);
		}
		return out;
	}

	async aggregatesOf(contestId: string, keys: readonly string[]): Promise<Map<string, Aggregate>> {
		const parsed = checkAggregateKeys(keys);
		const out = new Map<string, Aggregate>();
		await Promise.all(
			KINDS.map(async (kind) => {
				const ofKind = parsed.filter((p) => p.kind === kind);
				if (ofKind.length === 0) return;
				const fields = ofKind.flatMap((p) => [`${p.id}:p`, `${p.id}:n`, `${p.id}:a`]);
				const values = await this.client.hmGet(this.k(contestId, `agg:${kind}`), fields);
				ofKind.forEach((p, i) => {
					const a = toAggregate(values[3 * i], values[3 * i + 1], values[3 * i + 2]);
					if (a) out.set(p.key, a);
				});
			})
		);
		// In the order asked, whatever order the kinds' replies came in.
		return new Map(parsed.filter((p) => out.has(p.key)).map((p) => [p.key, out.get(p.key)!]));
	}

	async totals(contestId: string): Promise<Aggregate> {
		const [p, n, a] = await this.client.hmGet(this.k(contestId, 'totals'), ['p', 'n', 'a']);
		return toAggregate(p, n, a) ?? { ...EMPTY_AGGREGATE };
	}

	async clear(contestId: string): Promise<void> {
		const parts = ['standings', 'board', 'totals', ...KINDS.map((kind) => `agg:${kind}`)];
		await this.client.del(parts.map((part) => this.k(contestId, part)));
	}
}
