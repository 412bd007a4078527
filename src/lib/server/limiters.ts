// Fixed-window limiters (rate-limiter-flexible) for every limit that must hold across processes:
// sign-in and sign-up, room creation. In process memory when embedded; in Redis, shared by every
// process, when REDIS_URL is set. Each kind of limit names its windows; this module makes them and
// consumes points from several at once.
import {
	RateLimiterMemory,
	RateLimiterRedis,
	RateLimiterRes,
	type RateLimiterAbstract
} from 'rate-limiter-flexible';

export interface LimitRule {
	points: number;
	durationS: number;
}

export type LimitOutcome = { ok: true } | { ok: false; retryAfterS: number };

/** Makes the window `prefix` under `rule`, in memory or in Redis. */
export type LimiterFactory = (prefix: string, rule: LimitRule) => RateLimiterAbstract;

export function memoryLimiters(): LimiterFactory {
	return (prefix, rule) =>
		new RateLimiterMemory({ keyPrefix: prefix, points: rule.points, duration: rule.durationS });
}

/**
 * `client` is a connected `redis` (node-redis) client; `keyPrefix` the deployment's (REDIS_PREFIX,
 * like the live keys), so that deployments or test suites sharing one Redis share no limits.
 */
export function redisLimiters(client: unknown, keyPrefix = 'anda'): LimiterFactory {
	return (prefix, rule) =>
		new RateLimiterRedis({
			storeClient: client,
			useRedisPackage: true,
			keyPrefix: `${keyPrefix}:rl:${prefix}`,
			points: rule.points,
			duration: rule.durationS
		});
}

function isLimitResult(e: unknown): boolean {
	return (
		typeof e === 'object' &&
		e !== null &&
		typeof (e as { msBeforeNext?: unknown }).msBeforeNext === 'number'
	);
}

/** Consumes a point from each window; refused if any is exhausted. Store errors propagate. */
export async function consumeAll(pairs: [RateLimiterAbstract, string][]): Promise<LimitOutcome> {
	let retryMs = 0;
	for (const [limiter, key] of pairs) {
		try {
			await limiter.consume(key);
		} catch (e) {
			// A refusal rejects with a RateLimiterRes; a store failure with an Error.
			if (e instanceof Error || !(e instanceof RateLimiterRes || isLimitResult(e))) throw e;
			retryMs = Math.max(retryMs, (e as { msBeforeNext: number }).msBeforeNext, 1000);
		}
	}
	return retryMs > 0 ? { ok: false, retryAfterS: Math.ceil(retryMs / 1000) } : { ok: true };
}
