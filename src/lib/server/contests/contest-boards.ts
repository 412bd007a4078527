// The public boards of a contest: individuals (masked names), units and regions at one level, with
// participation rates against headcounts. Read from the hot boards in the live store and held for
// a moment per process, so that a big screen and a million phones refreshing cost the live store a
// read per board per second or two, not one per view.
import type { RegionIndex, RegionLevel } from '../../domain/contest/regions';
import { regionPath } from '../../domain/contest/regions';
import { compareAggregates, type AggregateSort } from '../../domain/contest/standings';
import type {
	ContestBoard,
	ContestBoardKind,
	ContestGroupRow,
	ContestTotals
} from '../../protocol';
import type { ContestBoardStore } from '../live/contest-board-port';
import type { ContestRecord, ContestRecordStore } from '../records/contests/port';
import type { ContestUnits } from './contest-units';
import { groupFigures, groupName, individualRow, regionName } from './contest-views';

export interface BoardQuery {
	kind: ContestBoardKind;
	sort: AggregateSort;
	/** Only regions inside this one (a province's cities, a city's counties); null: all. */
	within: string | null;
	limit: number;
}

const TTL_MS = 1500;
const MAX_HELD = 1000;

export class ContestBoards {
	private readonly held = new Map<string, { at: number; board: Promise<ContestBoard> }>();

	constructor(
		private readonly deps: {
			records: ContestRecordStore;
			boards: ContestBoardStore;
			units: ContestUnits;
			regions: RegionIndex;
			now(): number;
		}
	) {}

	board(c: ContestRecord, q: BoardQuery): Promise<ContestBoard> {
		const key = `${c.id}|${q.kind}|${q.sort}|${q.within ?? ''}|${q.limit}`;
		const now = this.deps.now();
		const hit = this.held.get(key);
		if (hit && now - hit.at < TTL_MS) return hit.board;
		const board = this.read(c, q);
		board.catch(() => this.held.delete(key));
		this.held.delete(key);
		this.held.set(key, { at: now, board });
		if (this.held.size > MAX_HELD) this.held.delete(this.held.keys().next().value as string);
		return board;
	}

	async totals(c: ContestRecord): Promise<ContestTotals> {
		const t = await this.deps.boards.totals(c.id);
		return { participants: t.participants, attempts: t.attempts, points: t.points };
	}

	private async read(c: ContestRecord, q: BoardQuery): Promise<ContestBoard> {
		const at = this.deps.now();
		if (q.kind === 'individual') {
			const [entries, total] = await Promise.all([
				this.deps.boards.top(c.id, 0, q.limit),
				this.deps.boards.size(c.id)
			]);
			const people = await this.deps.records.participantsByIds(
				c.id,
				entries.map((e) => e.id)
			);
			const byId = new Map(people.map((p) => [p.id, p]));
			return {
				kind: 'individual',
				rows: entries.map((e, i) => individualRow(i + 1, e, byId.get(e.id), this.deps.regions)),
				total,
				at
			};
		}
		const kind = q.kind;
		const [all, headcounts] = await Promise.all([
			this.deps.boards.aggregates(c.id, kind),
			kind === 'unit'
				? this.deps.units.headcounts(c)
				: Promise.resolve(new Map<string, number | null>())
		]);
		// Units with a headcount and no participant yet are on the board too (rate 0%): a unit that
		// has not started is what an organiser most needs to see.
		if (kind === 'unit') {
			for (const name of headcounts.keys()) {
				if (!all.has(name)) all.set(name, { points: 0, participants: 0, attempts: 0 });
			}
		}
		const inside = (id: string) =>
			q.within === null || kind === 'unit' || contains(q.within, kind, id);
		const rows = [...all]
			.filter(([id]) => inside(id))
			.map(([id, a]) =>
				groupFigures(
					id,
					groupName(this.deps.regions, kind, id),
					a,
					kind === 'unit' ? (headcounts.get(id) ?? null) : null
				)
			);
		const order = compareAggregates(q.sort);
		rows.sort((a, b) => order(a, b));
		const ranked: ContestGroupRow[] = rows.slice(0, q.limit).map((r, i) => ({ ...r, rank: i + 1 }));
		return {
			kind,
			sort: q.sort,
			within: kind === 'unit' ? null : regionName(this.deps.regions, q.within),
			rows: ranked,
			total: rows.length,
			at
		};
	}
}

/** Whether region `id` (of level `kind`) lies inside region `within` (a province or a city). */
function contains(within: string, kind: RegionLevel, id: string): boolean {
	const path = regionPath(id);
	return kind !== 'province' && (path.province === within || path.city === within);
}
