// How many rooms one client address and one signed-in account may open: fixed windows shared by
// every process through Redis when REDIS_URL is set (opening a room is rare, so one Redis call
// each costs nothing), in memory when embedded. Without it, one address opened 20,015 quick rooms
// in 31 s.
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { consumeAll, type LimiterFactory, type LimitOutcome } from '../limiters';
import type { AbuseLimits } from './limits';

/** What a refused opening says (HTTP 429, with Retry-After in seconds). */
export function roomLimitMessage(retryAfterS: number): string {
	const minutes = Math.max(1, Math.ceil(retryAfterS / 60));
	return `开房太频繁，请 ${minutes} 分钟后再试`;
}

export class RoomCreationLimiter {
	private readonly perIp: RateLimiterAbstract;
	private readonly perAccount: RateLimiterAbstract;

	constructor(make: LimiterFactory, limits: Pick<AbuseLimits, 'roomsPerIp' | 'roomsPerAccount'>) {
		this.perIp = make('rooms-ip', limits.roomsPerIp);
		this.perAccount = make('rooms-account', limits.roomsPerAccount);
	}

	/** One room more for this address (and account, when signed in); refused once either is spent. */
	take(ipKey: string, userId: string | null): Promise<LimitOutcome> {
		const pairs: [RateLimiterAbstract, string][] = [[this.perIp, ipKey]];
		if (userId) pairs.push([this.perAccount, userId]);
		return consumeAll(pairs);
	}
}
