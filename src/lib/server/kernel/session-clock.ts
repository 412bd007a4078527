// Drives the timers of one kind of live session (quiz rooms today; Q&A events and contest days
// next). Exactly one process drives a session, through a renewable lease in the live store; if it
// dies, the lease lapses and another process's sweep takes the session over. The clock knows no
// phases: the session's domain says when its next timer is due and what firing it does.

/** A timer the clock should set: due at `at` (server time, ms); `fire` applies it. */
export interface ClockJob {
	at: number;
	fire(): Promise<void>;
}

/** How a session kind plugs into the clock. */
export interface ClockTarget {
	/** Sessions that may still need a clock (for take-over after a holder died). */
	activeIds(): Promise<string[]>;
	acquireLease(id: string, owner: string, ttlMs: number): Promise<boolean>;
	releaseLease(id: string, owner: string): Promise<void>;
	/** The session's next timer; `ended` once it never needs one again; null for none right now. */
	nextJob(id: string): Promise<ClockJob | 'ended' | null>;
	/**
	 * What an error thrown by `fire` means: `stale` (the state moved on; read it again), `refused`
	 * (nothing to do), or `fault` (the store failed; try again shortly).
	 */
	classify(error: unknown): 'stale' | 'refused' | 'fault';
	/** Where faults are reported. */
	report(error: unknown, where: string): void;
}

export interface ClockOptions {
	leaseMs?: number;
	sweepMs?: number;
	/** Pause before a timer whose firing failed on a store fault is tried again; doubles per failure. */
	retryMs?: number;
}

/** Retries of a failing timer back off to at most this pause (a database down for minutes). */
const MAX_RETRY_MS = 30_000;

/** Timers fire this long after they fall due, so that the domain's `now >= due` holds. */
const LATE_MS = 5;

export class SessionClock {
	private timers = new Map<string, ReturnType<typeof setTimeout>>();
	private held = new Set<string>();
	/** Consecutive faults per session, for back-off. */
	private faults = new Map<string, number>();
	private sweeper: ReturnType<typeof setInterval> | null = null;
	private readonly leaseMs: number;
	private readonly sweepMs: number;
	private readonly retryMs: number;

	constructor(
		readonly owner: string,
		private readonly target: ClockTarget,
		private readonly now: () => number,
		opts: ClockOptions = {}
	) {
		this.leaseMs = opts.leaseMs ?? 6000;
		this.sweepMs = opts.sweepMs ?? 2000;
		this.retryMs = opts.retryMs ?? 1000;
	}

	start(): void {
		this.sweeper = setInterval(() => void this.sweep(), this.sweepMs);
		this.sweeper.unref?.();
		void this.sweep();
	}

	/** Renews held leases and takes over sessions whose clock nobody holds. */
	async sweep(): Promise<void> {
		try {
			for (const id of await this.target.activeIds()) {
				if (await this.target.acquireLease(id, this.owner, this.leaseMs)) {
					if (!this.held.has(id)) {
						this.held.add(id);
						await this.reschedule(id);
					}
				} else if (this.held.delete(id)) {
					this.clear(id);
				}
			}
		} catch (e) {
			this.target.report(e, 'sweep');
		}
	}

	/**
	 * Called whenever a session's state changed, on any process. Never rejects: callers fire and
	 * forget it, and a store that is down now is retried by the next sweep.
	 */
	async changed(id: string): Promise<void> {
		try {
			if (!this.held.has(id)) {
				if (!(await this.target.acquireLease(id, this.owner, this.leaseMs))) return;
				this.held.add(id);
			}
			await this.reschedule(id);
		} catch (e) {
			this.failed(id, e);
		}
	}

	/** Whether this process currently drives the session's clock. */
	holds(id: string): boolean {
		return this.held.has(id);
	}

	/**
	 * Stops driving sessions. A clean shutdown releases the leases so that another process takes
	 * them over at its next sweep; `release: false` leaves them to lapse, as a crash would.
	 */
	async stop(opts: { release?: boolean } = {}): Promise<void> {
		if (this.sweeper) clearInterval(this.sweeper);
		this.sweeper = null;
		for (const id of [...this.timers.keys()]) this.clear(id);
		if (opts.release ?? true) {
			for (const id of this.held) await this.target.releaseLease(id, this.owner).catch(() => {});
		}
		this.held.clear();
	}

	private clear(id: string) {
		if (!this.held.has(id)) this.faults.delete(id);
		const t = this.timers.get(id);
		if (t) clearTimeout(t);
		this.timers.delete(id);
	}

	private async reschedule(id: string): Promise<void> {
		this.clear(id);
		const job = await this.target.nextJob(id);
		if (job === 'ended') {
			this.held.delete(id);
			await this.target.releaseLease(id, this.owner);
			return;
		}
		if (!job) return;
		this.set(id, job.at - this.now() + LATE_MS, async () => {
			await job.fire();
			this.faults.delete(id); // back-off starts afresh after a success
		});
	}

	private set(id: string, delayMs: number, fire: () => Promise<void>) {
		const timer = setTimeout(
			() => {
				this.timers.delete(id);
				fire().catch((e: unknown) => this.failed(id, e));
			},
			Math.max(0, delayMs)
		);
		timer.unref?.();
		this.timers.set(id, timer);
	}

	private failed(id: string, e: unknown) {
		const kind = this.target.classify(e);
		if (kind === 'refused') return;
		const again = () => this.reschedule(id).catch((err: unknown) => this.failed(id, err));
		if (kind === 'stale') return void again();
		const n = (this.faults.get(id) ?? 0) + 1;
		this.faults.set(id, n);
		this.target.report(e, `timer (attempt ${n})`);
		const pause = Math.min(this.retryMs * 2 ** (n - 1), MAX_RETRY_MS);
		if (this.held.has(id)) this.set(id, pause, again);
	}
}
