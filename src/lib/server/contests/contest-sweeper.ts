// Closes the attempts whose deadline passed with no request coming back for them (a phone that
// slept for good): their answers saved until the deadline count, their points reach the boards.
// Every process sweeps; finishing is conditional on the attempt's version, so when two processes
// find the same attempt one wins and the other's finish changes nothing.
import { settle } from '../../domain/contest/attempt';
import { log } from '../log';
import type { ContestRecordStore } from '../records/contests/port';
import type { ContestPlay } from './contest-play';

export interface SweeperOptions {
	/** How often to look (tests shorten it). */
	everyMs?: number;
	/** Attempts closed per look at most: a backlog is worked off over several looks. */
	batch?: number;
}

export class ContestSweeper {
	private timer: ReturnType<typeof setInterval> | null = null;
	private running: Promise<number> | null = null;
	private readonly everyMs: number;
	private readonly batch: number;

	constructor(
		private readonly records: ContestRecordStore,
		private readonly play: ContestPlay,
		private readonly now: () => number,
		opts: SweeperOptions = {}
	) {
		this.everyMs = opts.everyMs ?? 2000;
		this.batch = opts.batch ?? 200;
	}

	start(): void {
		this.timer = setInterval(() => void this.sweep(), this.everyMs);
		this.timer.unref?.();
	}

	/** One look; the number of attempts this process closed. Looks never overlap. */
	sweep(): Promise<number> {
		this.running ??= this.closeDue().finally(() => (this.running = null));
		return this.running;
	}

	private async closeDue(): Promise<number> {
		let closed = 0;
		try {
			const due = await this.records.dueAttempts(this.now(), this.batch);
			const contests = new Map<string, Awaited<ReturnType<ContestPlay['contestById']>>>();
			for (const r of due) {
				if (!contests.has(r.contestId))
					contests.set(r.contestId, await this.play.contestById(r.contestId));
				const c = contests.get(r.contestId);
				if (!c) continue;
				const ended = settle(r.attempt, this.now());
				if (ended.status === 'open') continue;
				if (await this.play.finish(c, r, ended)) closed++;
			}
		} catch (e) {
			log.warn({ err: e }, 'contest sweeper: look failed; next one retries');
		}
		return closed;
	}

	async stop(): Promise<void> {
		if (this.timer) clearInterval(this.timer);
		this.timer = null;
		await this.running;
	}
}
