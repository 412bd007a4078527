// The self-paced contests' services in one place, as the app context holds them: the participant
// side (play), the organiser's (admin), the public boards and the sweeper, sharing one cache of
// contests, one of units and the stores.
import type { RegionIndex } from '../../domain/contest/regions';
import type { ContestBoardStore } from '../live/contest-board-port';
import { consumeAll, type LimiterFactory } from '../limiters';
import type { WindowRule } from '../abuse/limits';
import type { BankStore } from '../records/banks/port';
import type { ContestRecordStore } from '../records/contests/port';
import { ContestAdmin } from './contest-admin';
import { ContestBoards } from './contest-boards';
import { ContestCache } from './contest-cache';
import { ContestPlay } from './contest-play';
import { ContestSweeper, type SweeperOptions } from './contest-sweeper';
import { ContestUnits } from './contest-units';

export interface ContestServiceDeps {
	records: ContestRecordStore;
	boards: ContestBoardStore;
	banks: BankStore;
	regions: RegionIndex;
	windows: LimiterFactory;
	entriesPerIp: WindowRule;
	secret(): Promise<string>;
	now(): number;
	sweeper?: SweeperOptions;
}

export class ContestService {
	readonly play: ContestPlay;
	readonly admin: ContestAdmin;
	readonly boards: ContestBoards;
	readonly sweeper: ContestSweeper;
	readonly cache: ContestCache;
	/** The records, for what reads them directly (exports, checks of the totals). */
	readonly records: ContestRecordStore;

	constructor(deps: ContestServiceDeps) {
		const cache = new ContestCache(deps.records, deps.now);
		const units = new ContestUnits(deps.records, deps.now);
		const entries = deps.windows('contest-entries', deps.entriesPerIp);
		// Every request verifies a token: the shared secret is asked of the store once a minute
		// (which keeps it alive there), not on each request.
		let held: { at: number; secret: Promise<string> } | null = null;
		const secret = () => {
			const now = deps.now();
			if (!held || now - held.at > 60_000 || now < held.at) {
				const asked = deps.secret();
				asked.catch(() => (held = null));
				held = { at: now, secret: asked };
			}
			return held.secret;
		};
		this.cache = cache;
		this.records = deps.records;
		this.play = new ContestPlay({
			records: deps.records,
			boards: deps.boards,
			cache,
			units,
			regions: deps.regions,
			secret,
			// Keyed per contest: entering one contest does not use up another's allowance.
			entryLimit: (key) => consumeAll([[entries, key]]),
			now: deps.now,
			rng: Math.random
		});
		this.admin = new ContestAdmin({
			records: deps.records,
			boards: deps.boards,
			banks: deps.banks,
			cache,
			units,
			regions: deps.regions,
			now: deps.now
		});
		this.boards = new ContestBoards({
			records: deps.records,
			boards: deps.boards,
			units,
			regions: deps.regions,
			now: deps.now
		});
		this.sweeper = new ContestSweeper(deps.records, this.play, deps.now, deps.sweeper);
	}
}
