// A question's countdown, driven by the server's remaining time at receipt (never the client clock's
// absolute time, which may be wrong on a phone).
import type { RoomView } from '../protocol';

export class Countdown {
	remainingMs = $state(0);
	private endsAt = 0;
	private paused = false;
	private timer: ReturnType<typeof setInterval> | null = null;

	/** Counts down the open question, or an auto-advancing reveal or leaderboard. */
	sync(view: RoomView) {
		const timedPhase = view.phase !== 'question' && view.phaseRemainingMs !== null;
		const ms = timedPhase ? (view.phaseRemainingMs ?? 0) : view.remainingMs;
		this.paused = view.paused;
		this.remainingMs = ms;
		this.endsAt = performance.now() + ms;
		if ((view.phase === 'question' && !view.paused) || timedPhase) this.run();
		else this.stop();
	}

	get seconds() {
		return Math.ceil(this.remainingMs / 1000);
	}

	private run() {
		this.stop();
		this.timer = setInterval(() => {
			this.remainingMs = Math.max(0, this.endsAt - performance.now());
			if (this.remainingMs === 0) this.stop();
		}, 100);
	}

	stop() {
		if (this.timer) clearInterval(this.timer);
		this.timer = null;
	}
}
