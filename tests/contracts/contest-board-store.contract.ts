// The contest hot boards' contract: numbered rules every ContestBoardStore (memory, Redis, any next
// one) must keep, so that an embedded deployment and a Redis one show the same boards in the same
// order. Contests use random ids and are cleared after each rule. A new implementation gets the
// whole suite with one call of `registerContestBoardStoreContract(target)`.
import { randomUUID } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import {
	addAttempt,
	aggregate,
	aggregateKey,
	aggregateKeys,
	boardOrder,
	EMPTY_AGGREGATE,
	NO_POINTS,
	type Aggregate,
	type BoardEntry,
	type ContestPoints,
	type CountMode
} from '../../src/lib/domain/contest/standings';
import { seededRandom } from '../../src/lib/domain/seeded-random';
import type { ContestBoardStore } from '../../src/lib/server/live/contest-board-port';
import { contractSuite, type ContractTarget, type Opened } from './harness';

export interface ContestBoardFixture extends Opened {
	store: ContestBoardStore;
}

export type ContestBoardStoreTarget = ContractTarget<ContestBoardFixture>;

const standing = (points: number, timeMs: number, attempts: number): ContestPoints => ({
	points,
	timeMs,
	attempts
});

// 深圳市南山区 and 福田区 (one city), 广州市天河区 (same province), 北京市朝阳区 (a municipality).
const NANSHAN = aggregateKeys({ unit: 'u-a', region: '440305' });
const FUTIAN = aggregateKeys({ unit: 'u-b', region: '440304' });
const TIANHE = aggregateKeys({ unit: 'u-a', region: '440106' });
const CHAOYANG = aggregateKeys({ unit: 'u-c', region: '110105' });

const agg = (points: number, participants: number, attempts: number): Aggregate => ({
	points,
	participants,
	attempts
});

export function registerContestBoardStoreContract(target: ContestBoardStoreTarget): void {
	contractSuite('contest board store', target, { lifetime: 'suite' }, (current) => {
		let contests: string[] = [];
		const store = () => current().store;

		afterEach(async () => {
			for (const id of contests) await store().clear(id);
			contests = [];
		});

		function newContest(): string {
			const id = `c-${randomUUID().slice(0, 8)}`;
			contests.push(id);
			return id;
		}

		/** Everything a reader of the boards can see of one contest. */
		async function snapshot(c: string) {
			const s = store();
			return {
				board: await s.top(c, 0, 1000),
				size: await s.size(c),
				totals: await s.totals(c),
				unit: await s.aggregates(c, 'unit'),
				province: await s.aggregates(c, 'province'),
				city: await s.aggregates(c, 'city'),
				county: await s.aggregates(c, 'county')
			};
		}

		// 1. An applied standing is on the individual board, best first, with its place and the
		//    board's size; a participant never applied has no place.
		it('1 · apply puts participants on the board: top, rankOf, size', async () => {
			const c = newContest();
			expect(await store().size(c)).toBe(0);
			expect(await store().top(c, 0, 10)).toEqual([]);
			expect(await store().apply(c, 'p-low', standing(40, 9000, 1), NANSHAN)).toBe(true);
			expect(await store().apply(c, 'p-high', standing(90, 30000, 1), FUTIAN)).toBe(true);
			expect(await store().apply(c, 'p-mid', standing(70, 1000, 2), TIANHE)).toBe(true);

			expect(await store().top(c, 0, 10)).toEqual([
				{ id: 'p-high', points: 90, timeMs: 30000, attempts: 1 },
				{ id: 'p-mid', points: 70, timeMs: 1000, attempts: 2 },
				{ id: 'p-low', points: 40, timeMs: 9000, attempts: 1 }
			]);
			expect(await store().top(c, 1, 1)).toEqual([
				{ id: 'p-mid', points: 70, timeMs: 1000, attempts: 2 }
			]);
			expect(await store().top(c, 3, 10)).toEqual([]);
			expect(await store().top(c, 0, 0)).toEqual([]);
			expect(await store().size(c)).toBe(3);
			expect(await store().rankOf(c, 'p-low')).toEqual({
				rank: 3,
				entry: { id: 'p-low', points: 40, timeMs: 9000, attempts: 1 }
			});
			expect(await store().rankOf(c, 'p-nobody')).toBeNull();
		});

		// 2. Each aggregate key a standing names moves: the unit, and the province, city and county
		//    of the region. aggregates(kind) lists one kind by id; aggregatesOf reads full keys and
		//    leaves out those that nobody counted in.
		it('2 · aggregates per kind and aggregatesOf', async () => {
			const c = newContest();
			await store().apply(c, 'p1', standing(80, 5000, 1), NANSHAN);
			await store().apply(c, 'p2', standing(60, 7000, 2), FUTIAN);
			await store().apply(c, 'p3', standing(50, 3000, 1), TIANHE);
			await store().apply(c, 'p4', standing(100, 2000, 3), CHAOYANG);

			expect(await store().aggregates(c, 'unit')).toEqual(
				new Map([
					['u-a', agg(130, 2, 2)],
					['u-b', agg(60, 1, 2)],
					['u-c', agg(100, 1, 3)]
				])
			);
			expect(await store().aggregates(c, 'province')).toEqual(
				new Map([
					['440000', agg(190, 3, 4)],
					['110000', agg(100, 1, 3)]
				])
			);
			expect(await store().aggregates(c, 'city')).toEqual(
				new Map([
					['440300', agg(140, 2, 3)],
					['440100', agg(50, 1, 1)],
					['110100', agg(100, 1, 3)]
				])
			);
			expect(await store().aggregates(c, 'county')).toEqual(
				new Map([
					['440305', agg(80, 1, 1)],
					['440304', agg(60, 1, 2)],
					['440106', agg(50, 1, 1)],
					['110105', agg(100, 1, 3)]
				])
			);
			const some = await store().aggregatesOf(c, [
				aggregateKey('unit', 'u-a'),
				aggregateKey('city', '440300'),
				aggregateKey('unit', 'u-none'),
				aggregateKey('county', '440305')
			]);
			expect(some).toEqual(
				new Map([
					['unit:u-a', agg(130, 2, 2)],
					['city:440300', agg(140, 2, 3)],
					['county:440305', agg(80, 1, 1)]
				])
			);
			expect(await store().aggregatesOf(c, [])).toEqual(new Map());
		});

		// 3. The totals count every participant who finished an attempt, with or without a unit
		//    or region.
		it('3 · totals cover every participant', async () => {
			const c = newContest();
			expect(await store().totals(c)).toEqual(EMPTY_AGGREGATE);
			await store().apply(c, 'p1', standing(80, 5000, 1), NANSHAN);
			await store().apply(c, 'p2', standing(30, 9000, 2), []);
			await store().apply(c, 'p1', standing(95, 4000, 2), NANSHAN);
			expect(await store().totals(c)).toEqual(agg(125, 2, 4));
			expect(await store().aggregates(c, 'unit')).toEqual(new Map([['u-a', agg(95, 1, 2)]]));
		});

		// 4. Applying the same standing again (a retry after a timeout) changes nothing and says so.
		it('4 · apply is idempotent', async () => {
			const c = newContest();
			expect(await store().apply(c, 'p1', standing(70, 5000, 1), NANSHAN)).toBe(true);
			const once = await snapshot(c);
			expect(await store().apply(c, 'p1', standing(70, 5000, 1), NANSHAN)).toBe(false);
			expect(await snapshot(c)).toEqual(once);
		});

		// 5. A standing counting no more finished attempts than the held one changes nothing, even
		//    with other points; two submits finishing in either order end the same.
		it('5 · apply is order-proof', async () => {
			const first = standing(60, 8000, 1);
			const second = standing(110, 15000, 2);

			const onlySecond = newContest();
			await store().apply(onlySecond, 'p1', second, NANSHAN);
			const expected = await snapshot(onlySecond);

			const newerFirst = newContest();
			expect(await store().apply(newerFirst, 'p1', second, NANSHAN)).toBe(true);
			expect(await store().apply(newerFirst, 'p1', first, NANSHAN)).toBe(false);
			expect(await snapshot(newerFirst)).toEqual(expected);

			const inOrder = newContest();
			expect(await store().apply(inOrder, 'p1', first, NANSHAN)).toBe(true);
			expect(await store().apply(inOrder, 'p1', second, NANSHAN)).toBe(true);
			expect(await snapshot(inOrder)).toEqual(expected);

			// Same attempts, other points: still the held one.
			expect(await store().apply(inOrder, 'p1', standing(200, 1, 2), NANSHAN)).toBe(false);
			expect(await snapshot(inOrder)).toEqual(expected);
			expect(expected.totals).toEqual(agg(110, 1, 2));
		});

		// 6. The aggregates move by the difference whatever its sign: 'best' keeps the best attempt
		//    (a worse one only adds an attempt), 'sum' adds each, and a newer standing with fewer
		//    points (a rebuild after a correction) moves the counters down.
		it('6 · best, sum and a lower newer standing move the aggregates by the difference', async () => {
			const c = newContest();
			const modes: [string, CountMode][] = [
				['p-best', 'best'],
				['p-sum', 'sum']
			];
			for (const [id, mode] of modes) {
				let p = NO_POINTS;
				for (const a of [
					{ score: 80, timeMs: 6000 },
					{ score: 50, timeMs: 2000 }
				]) {
					p = addAttempt(mode, p, a);
					await store().apply(c, id, p, id === 'p-best' ? NANSHAN : FUTIAN);
				}
			}
			expect(await store().rankOf(c, 'p-best')).toEqual({
				rank: 2,
				entry: { id: 'p-best', points: 80, timeMs: 6000, attempts: 2 }
			});
			expect(await store().rankOf(c, 'p-sum')).toEqual({
				rank: 1,
				entry: { id: 'p-sum', points: 130, timeMs: 8000, attempts: 2 }
			});
			expect(await store().aggregatesOf(c, ['county:440305', 'county:440304'])).toEqual(
				new Map([
					['county:440305', agg(80, 1, 2)],
					['county:440304', agg(130, 1, 2)]
				])
			);

			expect(await store().apply(c, 'p-sum', standing(20, 9000, 3), FUTIAN)).toBe(true);
			expect(await store().aggregatesOf(c, ['county:440304', 'city:440300'])).toEqual(
				new Map([
					['county:440304', agg(20, 1, 3)],
					['city:440300', agg(100, 2, 5)]
				])
			);
			expect(await store().totals(c)).toEqual(agg(100, 2, 5));
			expect((await store().top(c, 0, 10)).map((e) => e.id)).toEqual(['p-best', 'p-sum']);
		});

		// 7. Equal points: less time first; equal points and time: by participant id.
		it('7 · ties go to less time, then to the id', async () => {
			const c = newContest();
			await store().apply(c, 'p-c', standing(90, 5000, 1), []);
			await store().apply(c, 'p-a', standing(90, 5000, 1), []);
			await store().apply(c, 'p-slow', standing(90, 5001, 1), []);
			await store().apply(c, 'p-fast', standing(90, 4999, 1), []);
			await store().apply(c, 'p-b', standing(90, 5000, 1), []);
			expect((await store().top(c, 0, 10)).map((e) => e.id)).toEqual([
				'p-fast',
				'p-a',
				'p-b',
				'p-c',
				'p-slow'
			]);
			expect((await store().rankOf(c, 'p-b'))?.rank).toBe(3);
			// Asked right after a change (as every submit does), before any board read: the same places.
			await store().apply(c, 'p-c', standing(95, 9000, 2), []);
			const places = await Promise.all(
				['p-c', 'p-fast', 'p-a', 'p-b', 'p-slow'].map(
					async (id) => (await store().rankOf(c, id))?.rank
				)
			);
			expect(places).toEqual([1, 2, 3, 4, 5]);
			expect((await store().top(c, 0, 1)).map((e) => e.id)).toEqual(['p-c']);
		});

		// 8. Many participants, every step of each one's attempts applied concurrently in random
		//    order: the counters equal a recomputation from the final standings, and the board is
		//    their board order.
		it('8 · 500 participants in random concurrent order equal a recomputation', async () => {
			const c = newContest();
			const draw = seededRandom(20261201);
			const pick = <T>(xs: readonly T[]): T => xs[Math.floor(draw() * xs.length)]!;
			const regions = ['440305', '440304', '440106', '110105', '500101', '310115', null];
			const units = ['u-1', 'u-2', 'u-3', 'u-4', 'u-5', null];
			const finals: { entry: BoardEntry; keys: string[] }[] = [];
			const steps: { id: string; points: ContestPoints; keys: string[] }[] = [];
			for (let i = 0; i < 500; i++) {
				const id = `p-${String(i).padStart(3, '0')}`;
				const keys = aggregateKeys({ unit: pick(units), region: pick(regions) });
				const mode = pick<CountMode>(['best', 'sum']);
				let p = NO_POINTS;
				for (let n = 1 + Math.floor(draw() * 4); n > 0; n--) {
					// Coarse scores and times, so that ties are common.
					p = addAttempt(mode, p, { score: pick([0, 50, 80, 100]), timeMs: pick([1000, 2000]) });
					steps.push({ id, points: p, keys });
				}
				finals.push({ entry: { id, ...p }, keys });
			}
			for (let i = steps.length - 1; i > 0; i--) {
				const j = Math.floor(draw() * (i + 1));
				[steps[i], steps[j]] = [steps[j]!, steps[i]!];
			}
			await Promise.all(steps.map((s) => store().apply(c, s.id, s.points, s.keys)));

			const byKey = new Map<string, ContestPoints[]>();
			for (const f of finals) {
				for (const key of f.keys) byKey.set(key, [...(byKey.get(key) ?? []), f.entry]);
			}
			const keys = [...byKey.keys()];
			expect(await store().aggregatesOf(c, keys)).toEqual(
				new Map(keys.map((key) => [key, aggregate(byKey.get(key)!)]))
			);
			const ofUnits = [...byKey].filter(([key]) => key.startsWith('unit:'));
			expect(await store().aggregates(c, 'unit')).toEqual(
				new Map(ofUnits.map(([key, ps]) => [key.slice('unit:'.length), aggregate(ps)]))
			);
			expect(await store().totals(c)).toEqual(aggregate(finals.map((f) => f.entry)));

			const expected = boardOrder(finals.map((f) => f.entry));
			expect(await store().size(c)).toBe(500);
			expect(await store().top(c, 0, 500)).toEqual(expected);
			expect(await store().top(c, 100, 50)).toEqual(expected.slice(100, 150));
			const sample = expected[250]!;
			expect(await store().rankOf(c, sample.id)).toEqual({ rank: 251, entry: sample });

			// A rebuild over the live board (every final standing again) changes nothing.
			const before = await snapshot(c);
			const again = await Promise.all(
				finals.map((f) => store().apply(c, f.entry.id, f.entry, f.keys))
			);
			expect(again.every((changed) => !changed)).toBe(true);
			expect(await snapshot(c)).toEqual(before);
		});

		// 9. clear drops the boards and the counters; the contest starts again from nothing.
		it('9 · clear empties the contest', async () => {
			const c = newContest();
			await store().apply(c, 'p1', standing(80, 5000, 2), NANSHAN);
			await store().clear(c);
			expect(await snapshot(c)).toEqual({
				board: [],
				size: 0,
				totals: EMPTY_AGGREGATE,
				unit: new Map(),
				province: new Map(),
				city: new Map(),
				county: new Map()
			});
			expect(await store().rankOf(c, 'p1')).toBeNull();
			expect(await store().aggregatesOf(c, NANSHAN)).toEqual(new Map());
			// The held standing went too: a first attempt counts again.
			expect(await store().apply(c, 'p1', standing(30, 1000, 1), NANSHAN)).toBe(true);
			expect(await store().totals(c)).toEqual(agg(30, 1, 1));
		});

		// 10. Contests do not see each other's participants, counters or clears.
		it('10 · contests are separate', async () => {
			const a = newContest();
			const b = newContest();
			await store().apply(a, 'p1', standing(80, 5000, 1), NANSHAN);
			expect(await store().apply(b, 'p1', standing(40, 2000, 1), NANSHAN)).toBe(true);
			await store().apply(b, 'p2', standing(60, 2000, 1), FUTIAN);
			expect(await store().size(a)).toBe(1);
			expect(await store().totals(a)).toEqual(agg(80, 1, 1));
			expect(await store().aggregates(a, 'unit')).toEqual(new Map([['u-a', agg(80, 1, 1)]]));
			await store().clear(b);
			expect(await store().top(a, 0, 10)).toEqual([
				{ id: 'p1', points: 80, timeMs: 5000, attempts: 1 }
			]);
		});

		// 11. Bad input is refused with BAD_REQUEST and a Chinese message, before anything moves.
		it('11 · bad input gets a clear error and changes nothing', async () => {
			const c = newContest();
			await expect(store().apply(c, 'p1', standing(80, 5000, 1), ['team:1'])).rejects.toMatchObject(
				{ code: 'BAD_REQUEST', message: '无法识别的汇总项：team:1' }
			);
			await expect(
				store().apply(c, 'p1', standing(80, 5000, 1), [...NANSHAN, 'unit:'])
			).rejects.toMatchObject({ code: 'BAD_REQUEST', message: '无法识别的汇总项：unit:' });
			for (const bad of [standing(-5, 0, 1), standing(80.5, 0, 1), standing(80, 0, Number.NaN)]) {
				await expect(store().apply(c, 'p1', bad, NANSHAN)).rejects.toMatchObject({
					code: 'BAD_REQUEST',
					message: '成绩须为非负整数（得分、用时、完成次数）'
				});
			}
			await expect(store().apply(c, '', standing(80, 0, 1), [])).rejects.toMatchObject({
				code: 'BAD_REQUEST',
				message: '缺少参赛者编号'
			});
			await expect(store().apply('', 'p1', standing(80, 0, 1), [])).rejects.toMatchObject({
				code: 'BAD_REQUEST',
				message: '缺少竞赛编号'
			});
			await expect(store().top(c, -1, 10)).rejects.toMatchObject({
				code: 'BAD_REQUEST',
				message: '榜单分页参数须为非负整数'
			});
			await expect(store().aggregatesOf(c, ['nope'])).rejects.toMatchObject({
				code: 'BAD_REQUEST',
				message: '无法识别的汇总项：nope'
			});
			await expect(store().aggregates(c, 'team' as unknown as 'unit')).rejects.toMatchObject({
				code: 'BAD_REQUEST',
				message: '无法识别的汇总类别：team'
			});
			expect(await snapshot(c)).toEqual(await snapshot(newContest()));
			expect(await store().size(c)).toBe(0);
		});
	});
}
