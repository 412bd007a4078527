// A contest's units as the pages need them: the names a participant chooses from and the
// headcounts the participation rate is computed against. Public contests use the units imported
// for them; roster contests count the organisation's roster per unit (unless units with headcounts
// were imported, which then win: an organiser may know better than a partial roster). Held for a
// moment per process, like the contest itself.
import type { ContestRecord, ContestRecordStore, ContestUnit } from '../records/contests/port';

const TTL_MS = 5000;

export class ContestUnits {
	private readonly held = new Map<string, { at: number; units: Promise<ContestUnit[]> }>();

	constructor(
		private readonly records: ContestRecordStore,
		private readonly now: () => number
	) {}

	private unitsOf(c: ContestRecord): Promise<ContestUnit[]> {
		const key = `${c.id}@${c.version}`;
		const hit = this.held.get(key);
		if (hit && this.now() - hit.at < TTL_MS) return hit.units;
		const units = (async () => {
			const imported = await this.records.listUnits(c.id);
			if (imported.length > 0 || c.settings.identity !== 'roster') return imported;
			return this.records.rosterUnits(c.orgId);
		})();
		units.catch(() => this.held.delete(key));
		this.held.set(key, { at: this.now(), units });
		if (this.held.size > 500) this.held.delete(this.held.keys().next().value as string);
		return units;
	}

	/** Unit names to choose from; empty when none were imported. */
	async choices(c: ContestRecord): Promise<string[]> {
		return (await this.unitsOf(c)).map((u) => u.name);
	}

	async headcounts(c: ContestRecord): Promise<Map<string, number | null>> {
		return new Map((await this.unitsOf(c)).map((u) => [u.name, u.headcount]));
	}

	forget(c: ContestRecord): void {
		for (const key of this.held.keys()) if (key.startsWith(`${c.id}@`)) this.held.delete(key);
	}
}
