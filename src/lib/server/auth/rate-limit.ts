// Rate limits for signing in and signing up, per client IP and per account (the normalised email,
// whether or not such an account exists, so that the limit reveals nothing). In process memory when
// embedded; in Redis (shared by every process) when REDIS_URL is set.
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

export interface AuthLimits {
	signInIp: LimitRule;
	/** Failed attempts per account; a successful sign-in clears them. */
	signInAccount: LimitRule;
	signUpIp: LimitRule;
	signUpAccount: LimitRule;
}

export const DEFAULT_LIMITS: AuthLimits = {
	signInIp: { points: 30, durationS: 15 * 60 },
	signInAccount: { points: 5, durationS: 15 * 60 },
	signUpIp: { points: 30, durationS: 3600 },
	signUpAccount: { points: 5, durationS: 3600 }
};

export type LimitOutcome = { ok: true } | { ok: false; retryAfterS: number };

/** The message for a refused attempt, in minutes (rounded up). */
export function limitMessage(retryAfterS: number): string {
	const minutes = Math.max(1, Math.ceil(retryAfterS / 60));
	return `尝试次数过多，请 ${minutes} 分钟后再试`;
}

type Make = (prefix: string, rule: LimitRule) => RateLimiterAbstract;

function isLimitResult(e: unknown): boolean {
	return (
		typeof e === 'object' &&
		e !== null &&
		typeof (e as { msBeforeNext?: unknown }).msBeforeNext === 'number'
	);
}

export class AuthRateLimiter {
	private readonly signInIp: RateLimiterAbstract;
	private readonly signInAccount: RateLimiterAbstract;
	private readonly signUpIp: RateLimiterAbstract;
	private readonly signUpAccount: RateLimiterAbstract;

	private constructor(make: Make, limits: AuthLimits) {
		this.signInIp = make('signin-ip', limits.signInIp);
		this.signInAccount = make('signin-account', limits.signInAccount);
		this.signUpIp = make('signup-ip', limits.signUpIp);
		this.signUpAccount = make('signup-account', limits.signUpAccount);
	}

	static memory(limits: AuthLimits = DEFAULT_LIMITS): AuthRateLimiter {
		return new AuthRateLimiter(
			(prefix, rule) =>
				new RateLimiterMemory({
					keyPrefix: prefix,
					points: rule.points,
					duration: rule.durationS
				}),
			limits
		);
	}

	/** `client` is a connected `redis` (node-redis) client. */
	static redis(client: unknown, limits: AuthLimits = DEFAULT_LIMITS): AuthRateLimiter {
		return new AuthRateLimiter(
			(prefix, rule) =>
				new RateLimiterRedis({
					storeClient: client,
					useRedisPackage: true,
					keyPrefix: `anda:rl:${prefix}`,
					points: rule.points,
					duration: rule.durationS
				}),
			limits
		);
	}

	/** Consumes a point from each limiter; refused if any is exhausted. Store errors propagate. */
	private async consume(pairs: [RateLimiterAbstract, string][]): Promise<LimitOutcome> {
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

	signIn(ip: string, account: string): Promise<LimitOutcome> {
		return this.consume([
			[this.signInIp, ip],
			[this.signInAccount, account]
		]);
	}

	/** A successful sign-in forgets the account's failed attempts (not the IP's). */
	async signInSucceeded(account: string): Promise<void> {
		await this.signInAccount.delete(account);
	}

	signUp(ip: string, account: string): Promise<LimitOutcome> {
		return this.consume([
			[this.signUpIp, ip],
			[this.signUpAccount, account]
		]);
	}
}
