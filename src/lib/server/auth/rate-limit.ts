// Rate limits for signing in and signing up, per client IP and per account (the normalised email,
// whether or not such an account exists, so that the limit reveals nothing). In process memory when
// embedded; in Redis (shared by every process) when REDIS_URL is set (see ../limiters.ts).
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import {
	consumeAll,
	memoryLimiters,
	redisLimiters,
	type LimiterFactory,
	type LimitOutcome,
	type LimitRule
} from '../limiters';

export type { LimitOutcome, LimitRule };

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

/** The message for a refused attempt, in minutes (rounded up). */
export function limitMessage(retryAfterS: number): string {
	const minutes = Math.max(1, Math.ceil(retryAfterS / 60));
	return `尝试次数过多，请 ${minutes} 分钟后再试`;
}

export class AuthRateLimiter {
	private readonly signInIp: RateLimiterAbstract;
	private readonly signInAccount: RateLimiterAbstract;
	private readonly signUpIp: RateLimiterAbstract;
	private readonly signUpAccount: RateLimiterAbstract;

	private constructor(make: LimiterFactory, limits: AuthLimits) {
		this.signInIp = make('signin-ip', limits.signInIp);
		this.signInAccount = make('signin-account', limits.signInAccount);
		this.signUpIp = make('signup-ip', limits.signUpIp);
		this.signUpAccount = make('signup-account', limits.signUpAccount);
	}

	static memory(limits: AuthLimits = DEFAULT_LIMITS): AuthRateLimiter {
		return new AuthRateLimiter(memoryLimiters(), limits);
	}

	/** `client` is a connected `redis` (node-redis) client. */
	static redis(client: unknown, limits: AuthLimits = DEFAULT_LIMITS): AuthRateLimiter {
		return new AuthRateLimiter(redisLimiters(client), limits);
	}

	/** The same windows made by an existing factory (the process's memory or Redis one). */
	static from(make: LimiterFactory, limits: AuthLimits = DEFAULT_LIMITS): AuthRateLimiter {
		return new AuthRateLimiter(make, limits);
	}

	signIn(ip: string, account: string): Promise<LimitOutcome> {
		return consumeAll([
			[this.signInIp, ip],
			[this.signInAccount, account]
		]);
	}

	/** A successful sign-in forgets the account's failed attempts (not the IP's). */
	async signInSucceeded(account: string): Promise<void> {
		await this.signInAccount.delete(account);
	}

	signUp(ip: string, account: string): Promise<LimitOutcome> {
		return consumeAll([
			[this.signUpIp, ip],
			[this.signUpAccount, account]
		]);
	}
}
