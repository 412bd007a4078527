// Counts down from a time left the server sent (the buzzer's get-ready and answer windows), from
// the moment it arrived: the view carries no deadline of its own for these.
export class LocalCountdown {
	remainingMs = $state(0);
	private timer: ReturnType<typeof setInterval> | null = null;

	start(ms: number) {
		this.stop();
		const endsAt = performance.now() + ms;
		this.remainingMs = ms;
		this.timer = setInterval(() => {
			this.remainingMs = Math.max(0, endsAt - performance.now());
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
