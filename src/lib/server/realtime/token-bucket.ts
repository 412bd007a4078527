// A token bucket: `capacity` at once, refilled at `perSecond`. The clock is passed in. `take` is
// the plain limit (per-socket events); `has` and `spend` charge after the fact and let the bucket
// run into debt, so that every charge is paid for even when many arrive at once (PIN look-ups that
// missed, charged once their answer is known).
export class TokenBucket {
	private tokens: number;
	private last = 0;
	constructor(
		private readonly capacity: number,
		private readonly perSecond: number
	) {
		this.tokens = capacity;
	}

	private refill(now: number): void {
		if (this.last) {
			this.tokens = Math.min(
				this.capacity,
				this.tokens + ((Math.max(now, this.last) - this.last) / 1000) * this.perSecond
			);
		}
		this.last = Math.max(now, this.last);
	}

	take(now: number): boolean {
		this.refill(now);
		if (this.tokens < 1) return false;
		this.tokens -= 1;
		return true;
	}

	/** Whether a token is there now (nothing is taken). */
	has(now: number): boolean {
		this.refill(now);
		return this.tokens >= 1;
	}

	/** Takes a token, into debt if there is none: the bucket then refills from below zero. */
	spend(now: number): void {
		this.refill(now);
		this.tokens -= 1;
	}

	/** Whole seconds until a token is there again. */
	secondsUntilToken(now: number): number {
		this.refill(now);
		return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / this.perSecond);
	}

	/** Back to capacity: nothing to remember for this bucket. */
	full(now: number): boolean {
		this.refill(now);
		return this.tokens >= this.capacity;
	}
}

/** One bucket per key (a client address), forgotten once full again so that the map stays small. */
export class KeyedBuckets {
	private readonly buckets = new Map<string, TokenBucket>();
	private lastPrune = 0;

	constructor(
		private readonly capacity: number,
		private readonly perSecond: number,
		/** How often full buckets are dropped. */
		private readonly pruneMs = 60_000
	) {}

	private bucket(key: string, now: number): TokenBucket {
		this.prune(now);
		let b = this.buckets.get(key);
		if (!b) this.buckets.set(key, (b = new TokenBucket(this.capacity, this.perSecond)));
		return b;
	}

	has(key: string, now: number): boolean {
		return this.buckets.get(key)?.has(now) ?? true;
	}

	spend(key: string, now: number): void {
		this.bucket(key, now).spend(now);
	}

	secondsUntilToken(key: string, now: number): number {
		return this.buckets.get(key)?.secondsUntilToken(now) ?? 0;
	}

	/** Keys tracked now (for tests and metrics). */
	get size(): number {
		return this.buckets.size;
	}

	private prune(now: number): void {
		if (now - this.lastPrune < this.pruneMs) return;
		this.lastPrune = now;
		for (const [key, b] of this.buckets) if (b.full(now)) this.buckets.delete(key);
	}
}
