// How the room benchmark spreads its bots and divides a server's CPU (scripts/bench/room-measure.ts).
import { describe, expect, it } from 'vitest';
import {
	cpuPerPlayerQuestionUs,
	machinePhase,
	planWorkers,
	splitEvenly,
	sumKnown
} from '../../scripts/bench/room-measure';

describe('splitEvenly', () => {
	it('splits into counts differing by at most one, the larger first', () => {
		expect(splitEvenly(10, 3)).toEqual([4, 3, 3]);
		expect(splitEvenly(2, 4)).toEqual([1, 1, 0, 0]);
	});
});

describe('planWorkers', () => {
	const perServer = (plan: { server: number; count: number }[], servers: number) =>
		Array.from({ length: servers }, (_, k) =>
			plan.filter((w) => w.server === k).reduce((n, w) => n + w.count, 0)
		);

	it('gives every server the same number of workers and players within one', () => {
		const plan = planWorkers(1000, 2, 1, 2500);
		expect(plan).toEqual([
			{ server: 0, count: 500 },
			{ server: 1, count: 500 }
		]);
		const odd = planWorkers(10_001, 4, 3, 2500);
		expect(odd.length).toBe(8);
		const counts = perServer(odd, 4);
		expect(counts.reduce((a, b) => a + b, 0)).toBe(10_001);
		expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
	});

	it('adds workers so that none holds more than the cap', () => {
		const plan = planWorkers(12_000, 1, 2, 2500);
		expect(plan.length).toBe(5);
		expect(Math.max(...plan.map((w) => w.count))).toBeLessThanOrEqual(2500);
	});

	it('never plans more workers than players on one server', () => {
		expect(planWorkers(3, 1, 8, 2500).length).toBe(3);
	});
});

describe('cpuPerPlayerQuestionUs', () => {
	it('divides CPU ms by players × questions, in µs', () => {
		expect(cpuPerPlayerQuestionUs(1500, 5000, 3)).toBe(100);
	});

	it('is unknown without CPU, players or questions', () => {
		expect(cpuPerPlayerQuestionUs(null, 10, 3)).toBeNull();
		expect(cpuPerPlayerQuestionUs(10, 0, 3)).toBeNull();
		expect(cpuPerPlayerQuestionUs(10, 10, 0)).toBeNull();
	});
});

describe('sumKnown', () => {
	it('sums, or is unknown if any part is', () => {
		expect(sumKnown([1, 2, 3])).toBe(6);
		expect(sumKnown([1, null])).toBeNull();
	});
});

describe('machinePhase', () => {
	it("gives the phase's steal and the busy time beyond the known processes'", () => {
		const a = { busy: 10_000, steal: 500, known: 8_000 };
		const b = { busy: 14_000, steal: 2_500, known: 11_000 };
		expect(machinePhase(a, b)).toEqual({ steal: 2_000, outside: 1_000 });
	});

	it('never gives a negative outside time (the counters tick coarser than the processes’)', () => {
		const a = { busy: 0, steal: 0, known: 0 };
		expect(machinePhase(a, { busy: 100, steal: 0, known: 110 })).toEqual({
			steal: 0,
			outside: 0
		});
	});

	it('is unknown without both samples', () => {
		expect(machinePhase(null, { busy: 1, steal: 0, known: 0 })).toBeNull();
		expect(machinePhase({ busy: 1, steal: 0, known: 0 }, undefined)).toBeNull();
	});
});
