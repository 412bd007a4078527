// PIN look-ups per client address, across all its connections. The per-socket event limit alone
// let a scanner that reconnected every 18 calls check 8,000 PINs a second. Only look-ups that miss
// (no such room, a wrong host secret, screen link or player token) are charged: a school behind
// one NAT address joining a real room costs nothing, while a scan, which misses almost always, is
// held to the configured rate. A miss is charged once its answer is known, into debt if many
// arrive together, so a burst buys nothing: the address waits until the debt is paid off.
//
// Counted per process: a look-up that finds nothing is cheap to refuse locally, and a shared count
// would put a Redis call in front of every join. With N processes behind a load balancer a scanner
// gets N times the rate, still days for the 900,000 PINs.
import type { ErrorCode } from '../../protocol';
import { KeyedBuckets } from '../realtime/token-bucket';
import type { AbuseLimits } from './limits';

/** The refusals that mean "nothing found for what you gave": what a scan runs into. */
export const LOOKUP_MISSES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
	'ROOM_NOT_FOUND',
	'NOT_HOST',
	'NOT_JOINED',
	'SCREEN_LINK_REQUIRED',
	'QA_NOT_FOUND',
	'QA_BAD_TOKEN',
	'QA_NOT_MODERATOR'
]);

export type LookupVerdict = { ok: true } | { ok: false; message: string };

export class PinLookupGuard {
	private readonly buckets: KeyedBuckets;

	constructor(rule: AbuseLimits['pinMisses']) {
		this.buckets = new KeyedBuckets(rule.burst, rule.perMinute / 60);
	}

	/** Whether this address may look a PIN up now. */
	allows(ipKey: string, now: number): LookupVerdict {
		if (this.buckets.has(ipKey, now)) return { ok: true };
		const s = Math.max(1, this.buckets.secondsUntilToken(ipKey, now));
		return { ok: false, message: `查询房间过于频繁，请 ${s} 秒后再试` };
	}

	/** Charges the address if the look-up missed (`code` is the refusal, null for a success). */
	settle(ipKey: string, code: ErrorCode | null, now: number): void {
		if (code !== null && LOOKUP_MISSES.has(code)) this.buckets.spend(ipKey, now);
	}
}
