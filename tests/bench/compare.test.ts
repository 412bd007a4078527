// The Anda-beside-floor table both benchmarks print (scripts/bench/compare.ts).
import { describe, expect, it } from 'vitest';
import {
	compareTable,
	median,
	ratioCell,
	roundRatioTable,
	type CompareLine
} from '../../scripts/bench/compare';

describe('ratioCell', () => {
	it('gives one decimal below 10× and none from 10× up', () => {
		expect(ratioCell(251, 134)).toBe('1.9×');
		expect(ratioCell(1500, 100)).toBe('15×');
	});

	it('is empty when either side is unknown or the floor is zero', () => {
		expect(ratioCell(null, 10)).toBe('');
		expect(ratioCell(10, null)).toBe('');
		expect(ratioCell(10, 0)).toBe('');
	});
});

describe('median', () => {
	it('takes the lower middle value and skips unknowns', () => {
		expect(median([3, null, 1, 2])).toBe(2);
		expect(median([4, 1, 3, 2])).toBe(2);
		expect(median([null, NaN])).toBeNull();
	});
});

interface R {
	cpu: number | null;
	joined: number;
}
const lines: CompareLine<R>[] = [
	{ label: 'joined', value: (r) => r.joined, show: String },
	{ label: 'cpu', value: (r) => r.cpu, show: (v) => `${v} µs`, ratio: true }
];

describe('compareTable', () => {
	it('puts Anda, the floor and their ratio in columns wide enough for their headings, ratios only where asked', () => {
		const out = compareTable(lines, [[{ cpu: 300, joined: 5 }], [{ cpu: 200, joined: 5 }]], {
			labelWidth: 8,
			cellWidth: 8
		});
		expect(out).toEqual([
			'            Anda   floor  Anda/floor',
			'joined         5       5',
			'cpu       300 µs  200 µs        1.5×'
		]);
	});

	it('shows a dash for an unknown figure and Anda alone without a floor', () => {
		const out = compareTable(lines, [[{ cpu: null, joined: 3 }]], { labelWidth: 8, cellWidth: 6 });
		expect(out).toEqual(['          Anda', 'joined       3', 'cpu          –']);
	});

	it('takes each column’s median over its runs', () => {
		const anda = [300, 100, 200].map((cpu) => ({ cpu, joined: 1 }));
		const floor = [100, 50].map((cpu) => ({ cpu, joined: 1 }));
		const out = compareTable(lines, [anda, floor], { labelWidth: 4, cellWidth: 8 });
		expect(out[2]).toBe('cpu   200 µs   50 µs        4.0×');
	});

	it('sets Anda beside each floor in turn, each named, each with its own ratio', () => {
		const out = compareTable(
			lines,
			[[{ cpu: 300, joined: 5 }], [{ cpu: 200, joined: 5 }], [{ cpu: 250, joined: 4 }]],
			{ labelWidth: 8, cellWidth: 10, floors: ['floor', 'durable'] }
		);
		expect(out).toEqual([
			'              Anda     floor  Anda/floor   durable  Anda/durable',
			'joined           5         5                     4',
			'cpu         300 µs    200 µs        1.5×    250 µs          1.2×'
		]);
	});

	it('leaves the ratio empty where the second floor has no figure', () => {
		const out = compareTable(
			lines,
			[[{ cpu: 300, joined: 5 }], [{ cpu: 200, joined: 5 }], [{ cpu: null, joined: 4 }]],
			{ labelWidth: 4, cellWidth: 8, floors: ['floor', 'durable'] }
		);
		expect(out[2]).toBe('cpu   300 µs  200 µs        1.5×        –');
	});
});

describe('roundRatioTable', () => {
	it("gives each round's Anda/floor and their median, ratio lines only", () => {
		const run = (cpu: number | null) => ({ cpu, joined: 1 });
		const out = roundRatioTable(
			lines,
			[
				{ anda: run(300), floor: run(200) },
				{ anda: run(260), floor: run(130) },
				{ anda: run(280), floor: run(200) }
			],
			{ labelWidth: 4, cellWidth: 6 }
		);
		expect(out).toEqual([
			'Anda/floor by round    #1    #2    #3median',
			'cpu   1.5×  2.0×  1.4×  1.5×'
		]);
	});

	it('leaves a dash for a round without a floor or without the figure', () => {
		const out = roundRatioTable(
			lines,
			[
				{ anda: { cpu: 300, joined: 1 }, floor: null },
				{ anda: { cpu: null, joined: 1 }, floor: { cpu: 100, joined: 1 } }
			],
			{ labelWidth: 4, cellWidth: 6 }
		);
		expect(out[1]).toBe('cpu      –     –     –');
	});

	it('names the floor it divides by', () => {
		const run = (cpu: number) => ({ cpu, joined: 1 });
		const out = roundRatioTable(lines, [{ anda: run(300), floor: run(250) }], {
			labelWidth: 4,
			cellWidth: 6,
			floor: 'floor+Redis'
		});
		expect(out).toEqual(['Anda/floor+Redis by round    #1median', 'cpu   1.2×  1.2×']);
	});
});
