// A local countdown from a remaining time the server sent (buzzer phases, the answering player's
// time): counted from receipt on the monotonic clock, never from the device's wall clock.
export class Ticker {
	remainingMs = $state(0);
	private endsAt = 0;
	private timer: ReturnType<typeof setInterval> | null = null;

	sync(ms: number, running: boolean) {
		this.remainingMs = ms;
		this.endsAt = performance.now() + ms;
		this.stop();
		if (!running || ms <= 0) return;
		this.timer = setInterval(() => {
			this.remainingMs = Math.max(0, this.endsAt - performance.now());
			if (this.remainingMs === 0) this.stop();
		}, 100);
	}

	get seconds() {
		return Math.ceil(this.remainingMs / 1000);
	}

	stop() {
		if (this.timer) clearInterval(this.timer);
		this.timer = null;
	}
}
