// Drives room deadlines. Exactly one process holds a room's clock through a renewable lease in the
// live store; if it dies, the lease lapses and another process's sweep takes the room over.
import { newId } from './secrets';
import { RoomError } from './errors';
import type { LiveStore } from '../live/port';
import type { RoomService } from './room-service';

export interface ClockOptions {
	leaseMs?: number;
	sweepMs?: number;
}

export class RoomClock {
	readonly owner = newId();
	private timers = new Map<string, ReturnType<typeof setTimeout>>();
	private held = new Set<string>();
	private sweeper: ReturnType<typeof setInterval> | null = null;
	private readonly leaseMs: number;
	private readonly sweepMs: number;

	constructor(
		private readonly live: LiveStore,
		private readonly rooms: RoomService,
		private readonly now: () => number,
		opts: ClockOptions = {}
	) {
		this.leaseMs = opts.leaseMs ?? 6000;
		this.sweepMs = opts.sweepMs ?? 2000;
	}

	start(): void {
		this.sweeper = setInterval(() => void this.sweep(), this.sweepMs);
		this.sweeper.unref?.();
		void this.sweep();
	}

	/** Renews held leases and takes over rooms whose clock nobody holds. */
	async sweep(): Promise<void> {
		try {
			for (const pin of await this.live.activePins()) {
				if (await this.live.acquireLease(pin, this.owner, this.leaseMs)) {
					if (!this.held.has(pin)) {
						this.held.add(pin);
						await this.reschedule(pin);
					}
				} else if (this.held.delete(pin)) {
					this.clear(pin);
				}
			}
		} catch (e) {
			console.error('[clock] sweep', e);
		}
	}

	/** Called whenever a room's state changed, on any process. */
	async changed(pin: string): Promise<void> {
		if (!this.held.has(pin)) {
			if (!(await this.live.acquireLease(pin, this.owner, this.leaseMs))) return;
			this.held.add(pin);
		}
		await this.reschedule(pin);
	}

	private clear(pin: string) {
		const t = this.timers.get(pin);
		if (t) clearTimeout(t);
		this.timers.delete(pin);
	}

	private async reschedule(pin: string): Promise<void> {
		this.clear(pin);
		const state = await this.live.getState(pin);
		if (!state || state.phase === 'ended') {
			this.held.delete(pin);
			await this.live.releaseLease(pin, this.owner);
			return;
		}
		const index = state.index;
		let due: number;
		let fire: () => Promise<void>;
		if (state.phase === 'question' && state.pausedAt === null) {
			due = state.deadline;
			fire = () => this.rooms.deadlineReached(pin, index);
		} else if ((state.phase === 'reveal' || state.phase === 'leaderboard') && state.phaseEndsAt) {
			const phase = state.phase;
			due = state.phaseEndsAt;
			fire = () => this.rooms.phaseTimeUp(pin, phase, index);
		} else {
			return;
		}
		const timer = setTimeout(
			() => {
				this.timers.delete(pin);
				fire().catch((e) => {
					// STALE: the deadline moved or the phase already changed; re-read and wait again.
					if (e instanceof RoomError && e.code === 'STALE') void this.reschedule(pin);
					else if (!(e instanceof RoomError)) console.error('[clock] timer', e);
				});
			},
			Math.max(0, due - this.now()) + 5
		);
		timer.unref?.();
		this.timers.set(pin, timer);
	}

	/**
	 * Stops driving rooms. A clean shutdown releases the leases so that another process takes the
	 * rooms over at its next sweep; `release: false` leaves them to lapse, as a crash would.
	 */
	async stop(opts: { release?: boolean } = {}): Promise<void> {
		if (this.sweeper) clearInterval(this.sweeper);
		this.sweeper = null;
		for (const pin of [...this.timers.keys()]) this.clear(pin);
		if (opts.release ?? true) {
			for (const pin of this.held) await this.live.releaseLease(pin, this.owner).catch(() => {});
		}
		this.held.clear();
	}

	/** Whether this process currently drives the room's clock. */
	holds(pin: string): boolean {
		return this.held.has(pin);
	}
}
