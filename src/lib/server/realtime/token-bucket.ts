// Per-socket rate limit: `capacity` events at once, refilled at `perSecond`. The clock is passed in.
export class TokenBucket {
	private tokens: number;
	private last = 0;
	constructor(
		private readonly capacity: number,
		private readonly perSecond: number
	) {
		this.tokens = capacity;
	}

	take(now: number): boolean {
		if (this.last) {
			this.tokens = Math.min(
				this.capacity,
				this.tokens + ((now - this.last) / 1000) * this.perSecond
			);
		}
		this.last = now;
		if (this.tokens < 1) return false;
		this.tokens -= 1;
		return true;
	}
}
