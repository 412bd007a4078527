import { describe, expect, it } from 'vitest';
import { drawQuestions } from '$lib/domain/quiz-draw';
import {
	addAttempt,
	aggregate,
	aggregateKeys,
	applyAttempt,
	boardOrder,
	compareAggregates,
	contestPoints,
	EMPTY_AGGREGATE,
	entrySortScore,
	figures,
	parseAggregateKey,
	type Affiliation,
	type Aggregate,
	type ContestPoints,
	type CountMode,
	type FinishedAttempt
} from '$lib/domain/contest/standings';

/** A small seeded generator (LCG), so that the shuffles are the same on every run. */
function seeded(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}
const shuffled = <T>(items: readonly T[], rng: () => number): T[] => {
	const r = drawQuestions(items, items.length, rng);
	if (!r.ok) throw new Error('unreachable');
	return r.drawn;
};

describe('standings: a participant’s points', () => {
	const attempts: FinishedAttempt[] = [
		{ score: 60, timeMs: 90_000 },
		{ score: 80, timeMs: 120_000 },
		{ score: 80, timeMs: 100_000 },
		{ score: 70, timeMs: 50_000 }
	];

	it("'best' counts the best attempt, ties broken by less time", () => {
		expect(contestPoints('best', attempts)).toEqual({ points: 80, timeMs: 100_000, attempts: 4 });
	});

	it("'best' keeps the earlier attempt on a full tie (same points and time)", () => {
		const tie = [
			{ score: 50, timeMs: 10_000 },
			{ score: 50, timeMs: 10_000 }
		];
		expect(contestPoints('best', tie)).toEqual({ points: 50, timeMs: 10_000, attempts: 2 });
	});

	it("'sum' adds the points and the time of every attempt", () => {
		expect(contestPoints('sum', attempts)).toEqual({ points: 290, timeMs: 360_000, attempts: 4 });
	});

	it('a participant without finished attempts has nothing', () => {
		expect(contestPoints('best', [])).toEqual({ points: 0, timeMs: 0, attempts: 0 });
	});

	it('adding one attempt at a time gives the recomputed points', () => {
		for (const mode of ['best', 'sum'] as const) {
			let p: ContestPoints = contestPoints(mode, []);
			for (const a of attempts) p = addAttempt(mode, p, a);
			expect(p).toEqual(contestPoints(mode, attempts));
		}
	});
});

describe('standings: the individual board', () => {
	const entries = [
		{ id: 'c', points: 80, timeMs: 100_000, attempts: 1 },
		{ id: 'a', points: 90, timeMs: 200_000, attempts: 1 },
		{ id: 'd', points: 80, timeMs: 90_000, attempts: 2 },
		{ id: 'b', points: 80, timeMs: 90_000, attempts: 1 }
	];

	it('orders by points, then less time, then id', () => {
		expect(boardOrder(entries).map((e) => e.id)).toEqual(['a', 'b', 'd', 'c']);
	});

	it('the sorted-set score gives the same order (how Redis keeps the board)', () => {
		const bySet = [...entries].sort(
			(x, y) => entrySortScore(x) - entrySortScore(y) || (x.id < y.id ? -1 : 1)
		);
		expect(bySet.map((e) => e.id)).toEqual(['a', 'b', 'd', 'c']);
	});
});

describe('standings: unit and region figures', () => {
	it('rate is participants over headcount; none without a headcount', () => {
		const a: Aggregate = { points: 450, participants: 6, attempts: 9 };
		expect(figures(a, 8)).toEqual({ ...a, headcount: 8, rate: 0.75, average: 75 });
		expect(figures(a, null)).toMatchObject({ rate: null, average: 75 });
		expect(figures(a, 0).rate).toBeNull();
	});

	it('a stale headcount shows a rate above 100% rather than hiding it', () => {
		expect(figures({ points: 10, participants: 5, attempts: 5 }, 4).rate).toBe(1.25);
	});

	it('an empty unit averages 0', () => {
		expect(figures(EMPTY_AGGREGATE, 10)).toMatchObject({ rate: 0, average: 0 });
	});

	it('sorts by the chosen column, then points, with a missing rate last', () => {
		const rows = [
			{ key: 'u1', ...figures({ points: 300, participants: 3, attempts: 3 }, 10) },
			{ key: 'u2', ...figures({ points: 200, participants: 2, attempts: 2 }, 2) },
			{ key: 'u3', ...figures({ points: 500, participants: 4, attempts: 4 }, null) },
			{ key: 'u4', ...figures({ points: 200, participants: 2, attempts: 2 }, 2) }
		];
		const order = (by: Parameters<typeof compareAggregates>[0]) =>
			[...rows].sort(compareAggregates(by)).map((r) => r.key);
		expect(order('points')).toEqual(['u3', 'u1', 'u2', 'u4']);
		expect(order('rate')).toEqual(['u2', 'u4', 'u1', 'u3']);
		expect(order('average')).toEqual(['u3', 'u1', 'u2', 'u4']);
		expect(order('participants')).toEqual(['u3', 'u1', 'u2', 'u4']);
	});
});

describe('standings: where points are credited', () => {
	it('a county credits its unit, province, city and county', () => {
		expect(aggregateKeys({ unit: 'u1', region: '440305' })).toEqual([
			'unit:u1',
			'province:440000',
			'city:440300',
			'county:440305'
		]);
	});

	it("a municipality's counties all land in one city, Chongqing's 县 too", () => {
		expect(aggregateKeys({ unit: null, region: '110105' })).toEqual([
			'province:110000',
			'city:110100',
			'county:110105'
		]);
		expect(aggregateKeys({ unit: null, region: '500229' })).toContain('city:500100'); // 城口县
		expect(aggregateKeys({ unit: null, region: '500101' })).toContain('city:500100'); // 万州区
	});

	it('a city without counties credits the province and the city only', () => {
		expect(aggregateKeys({ unit: null, region: '441900' })).toEqual([
			'province:440000',
			'city:441900'
		]);
	});

	it('keys read back as their kind and id (a unit id may hold a colon)', () => {
		expect(parseAggregateKey('city:500100')).toEqual({ kind: 'city', id: '500100' });
		expect(parseAggregateKey('unit:厂:一车间')).toEqual({ kind: 'unit', id: '厂:一车间' });
		expect(parseAggregateKey('street:1')).toBeNull();
		expect(parseAggregateKey('unit')).toBeNull();
	});

	it('no unit and no region credit nothing but the individual board', () => {
		expect(aggregateKeys({ unit: null, region: null })).toEqual([]);
	});
});

describe('standings: hot counters equal a recomputation', () => {
	const people: Record<string, Affiliation> = {
		p1: { unit: 'u1', region: '110105' },
		p2: { unit: 'u1', region: '110108' },
		p3: { unit: 'u2', region: '500229' },
		p4: { unit: 'u2', region: '440305' },
		p5: { unit: null, region: '440305' },
		p6: { unit: 'u3', region: null },
		p7: { unit: 'u3', region: '441900' }
	};
	const ids = Object.keys(people);
	const rng = seeded(616);
	const attempts = Array.from({ length: 60 }, (_, i) => ({
		who: ids[i % ids.length] as string,
		score: Math.floor(rng() * 11) * 10,
		timeMs: 30_000 + Math.floor(rng() * 4) * 30_000
	}));

	function recompute(mode: CountMode) {
		const points = new Map<string, ContestPoints>();
		for (const id of ids) {
			const mine = attempts.filter((a) => a.who === id);
			if (mine.length > 0) points.set(id, contestPoints(mode, mine));
		}
		const members = new Map<string, ContestPoints[]>();
		for (const [id, p] of points) {
			for (const key of aggregateKeys(people[id] as Affiliation)) {
				members.set(key, [...(members.get(key) ?? []), p]);
			}
		}
		return {
			points,
			boards: new Map([...members].map(([key, ps]) => [key, aggregate(ps)]))
		};
	}

	function incrementally(mode: CountMode, order: typeof attempts) {
		const points = new Map<string, ContestPoints>();
		const boards = new Map<string, Aggregate>();
		for (const a of order) {
			const before = points.get(a.who) ?? null;
			const after = addAttempt(mode, before ?? contestPoints(mode, []), a);
			points.set(a.who, after);
			for (const key of aggregateKeys(people[a.who] as Affiliation)) {
				boards.set(key, applyAttempt(boards.get(key) ?? EMPTY_AGGREGATE, before, after));
			}
		}
		return { points, boards };
	}

	for (const mode of ['best', 'sum'] as const) {
		it(`'${mode}': applying the attempts in any order gives the recomputed totals`, () => {
			const expected = recompute(mode);
			expect(expected.boards.get('city:500100')?.participants).toBe(1);
			for (let round = 0; round < 20; round++) {
				const got = incrementally(mode, shuffled(attempts, rng));
				expect(got.boards).toEqual(expected.boards);
				expect(got.points).toEqual(expected.points);
			}
		});
	}

	it('every participant counts once per aggregate however many attempts they make', () => {
		const { boards } = recompute('best');
		expect(boards.get('unit:u1')).toMatchObject({ participants: 2 });
		expect(boards.get('province:110000')).toMatchObject({ participants: 2 });
		expect(boards.get('county:440305')).toMatchObject({ participants: 2 });
		expect(boards.get('province:440000')).toMatchObject({ participants: 3 });
		expect(boards.get('unit:u1')?.attempts).toBe(
			attempts.filter((a) => ['p1', 'p2'].includes(a.who)).length
		);
	});

	it("in 'best' mode an attempt that does not beat the best adds no points, only an attempt", () => {
		const before = { points: 80, timeMs: 60_000, attempts: 1 };
		const after = addAttempt('best', before, { score: 50, timeMs: 30_000 });
		const a = { points: 80, participants: 1, attempts: 1 };
		expect(applyAttempt(a, before, after)).toEqual({ points: 80, participants: 1, attempts: 2 });
	});
});
