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
	/** Sessions whose lease lapsed (the holder died or let go), at most `limit`: to take over. */
	lapsedIds(limit: number): Promise<string[]>;
	acquireLease(id: string, owner: string, ttlMs: number): Promise<boolean>;
	/** Renews the leases `owner` still holds among `ids`, in one call; returns those. */
	renewLeases(owner: string, ids: string[], ttlMs: number): Promise<string[]>;
	releaseLease(id: string, owner: string): Promise<void>;
	/**
	 * Upkeep, once per sweep. `timed`: the held sessions that have a timer set, which may need it
	 * every time (e.g. presence of processes that died, where who is online decides when a
	 * question closes); a session waiting on nobody's clock (a lobby, a paused question) needs none
	 * until its next timer, so that idle sessions cost nothing per sweep. `held`: every session
	 * this process drives, for upkeep that an event calls for (a process died).
	 */
	maintain?(timed: string[], held: string[]): Promise<void>;
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
	/** How long a lease lasts unrenewed: a dead holder's sessions are taken over after it. */
	leaseMs?: number;
	/** How often held leases are renewed and lapsed ones looked for. */
	sweepMs?: number;
	/** Pause before a timer whose firing failed on a store fault is tried again; doubles per failure. */
	retryMs?: number;
}

/** Retries of a failing timer back off to at most this pause (a database down for minutes). */
const MAX_RETRY_MS = 30_000;

/** Lapsed sessions taken over per sweep: a crowd of them is shared out between the survivors. */
const TAKE_OVER_BATCH = 200;

/** Timers fire this long after they fall due, so that the domain's `now >= due` holds. */
const LATE_MS = 5;
/** How long a stop waits for the sweep in progress. */
const STOP_WAIT_MS = 2000;

export class SessionClock {
	private timers = new Map<string, ReturnType<typeof setTimeout>>();
	private held = new Set<string>();
	/** The sweep in progress (one at a time); a stop waits for it before the stores close. */
	private sweeping: Promise<void> | null = null;
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
		// A holder's death is noticed within leaseMs + sweepMs (under 2 s), as a livestream needs.
		this.leaseMs = opts.leaseMs ?? 1200;
		this.sweepMs = opts.sweepMs ?? 400;
		this.retryMs = opts.retryMs ?? 1000;
	}

	start(): void {
		this.sweeper = setInterval(() => void this.sweep(), this.sweepMs);
		this.sweeper.unref?.();
		void this.sweep();
	}

	/**
	 * Renews the held leases in one call, then takes over sessions whose lease lapsed. Sessions
	 * nobody needs to drive (lobbies, ended games) cost nothing here: they hold no lease.
	 */
	sweep(): Promise<void> {
		this.sweeping ??= this.sweepOnce().finally(() => (this.sweeping = null));
		return this.sweeping;
	}

	private async sweepOnce(): Promise<void> {
		try {
			const held = [...this.held];
			if (held.length > 0) {
				const still = new Set(await this.target.renewLeases(this.owner, held, this.leaseMs));
				for (const id of held) {
					if (still.has(id) || !this.held.delete(id)) continue;
					this.clear(id);
				}
			}
			for (const id of await this.target.lapsedIds(TAKE_OVER_BATCH)) {
				if (this.held.has(id)) continue;
				if (!(await this.target.acquireLease(id, this.owner, this.leaseMs))) continue;
				this.held.add(id);
				await this.reschedule(id);
			}
			const timed = [...this.timers.keys()].filter((id) => this.held.has(id));
			await this.target.maintain?.(timed, [...this.held]);
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

	/**
	 * A store that failed is answering again: every held session waiting out a fault's back-off
	 * tries again now instead of at the end of its pause (which grows to half a minute). Should it
	 * fail again, its back-off goes on from where it was.
	 */
	retryNow(): void {
		for (const id of [...this.faults.keys()]) {
			if (!this.held.has(id)) continue;
			this.reschedule(id).catch((err: unknown) => this.failed(id, err));
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
		// The sweep in progress finishes before the stores close under it, but a store that does not
		// answer (down at shutdown) holds the stop no longer than STOP_WAIT_MS.
		if (this.sweeping) {
			let timer: ReturnType<typeof setTimeout> | undefined;
			await Promise.race([
				this.sweeping,
				new Promise((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS)))
			]);
			clearTimeout(timer);
		}
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
