// What the poll chart and the word cloud draw: rows with shares of the respondents, words sized by
// count within bounds, and layouts' random draws that repeat for the same words.
import { describe, expect, it } from 'vitest';
import {
	CALLS_PER_WORD,
	pollRows,
	sizeWords,
	wordColor,
	wordKeyedRandom
} from '../../src/lib/client/qa/charts';
import { seededRandom } from '../../src/lib/domain/seeded-random';

describe('pollRows', () => {
	it('gives each option its letter, colour, count and whole share of the respondents', () => {
		const rows = pollRows(['有', '没有', '不清楚'], [3, 1], 4);
		expect(rows.map((r) => [r.letter, r.label, r.count, r.share])).toEqual([
			['A', '有', 3, 75],
			['B', '没有', 1, 25],
			['C', '不清楚', 0, 0]
		]);
		expect(new Set(rows.map((r) => r.color)).size).toBe(3);
	});

	it('shares of a multiple-choice poll may add up to more than 100; no respondents, no shares', () => {
		expect(pollRows(['a', 'b'], [2, 2], 2).map((r) => r.share)).toEqual([100, 100]);
		expect(pollRows(['a', 'b'], [0, 0], 0).map((r) => r.share)).toEqual([0, 0]);
	});
});

describe('sizeWords', () => {
	const words = [
		{ text: '消防', count: 100 },
		{ text: '安全', count: 25 },
		{ text: '零', count: 0 },
		{ text: '预防', count: 1 }
	];

	it('sorts by count, drops words nobody gave and sizes by the square root between the bounds', () => {
		const sized = sizeWords(words, { minPx: 10, maxPx: 100 });
		expect(sized.map((w) => [w.text, w.size])).toEqual([
			['消防', 100],
			['安全', 50], // 10 + (√25 − √1) / (√100 − √1) × 90
			['预防', 10]
		]);
	});

	it('keeps at most `max` words; words of one count share one size', () => {
		expect(sizeWords(words, { minPx: 10, maxPx: 100, max: 1 }).map((w) => w.text)).toEqual([
			'消防'
		]);
		const same = sizeWords(
			[
				{ text: 'b', count: 2 },
				{ text: 'a', count: 2 }
			],
			{ minPx: 10, maxPx: 100 }
		);
		expect(same.map((w) => [w.text, w.size])).toEqual([
			['a', 75],
			['b', 75]
		]);
		expect(sizeWords([], { minPx: 1, maxPx: 2 })).toEqual([]);
	});
});

describe('layout randoms', () => {
	const take = (r: () => number, n: number) => Array.from({ length: n }, r);

	it('a seed gives the same sequence in [0, 1), another seed another', () => {
		const a = take(seededRandom(616), 50);
		expect(take(seededRandom(616), 50)).toEqual(a);
		expect(take(seededRandom(617), 50)).not.toEqual(a);
		expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
	});

	it('each word gets the same draws whatever the other words are', () => {
		const first = take(wordKeyedRandom(['消防', '安全'], 616), CALLS_PER_WORD * 2);
		const second = take(wordKeyedRandom(['消防', '新词', '安全'], 616), CALLS_PER_WORD * 3);
		expect(second.slice(0, CALLS_PER_WORD)).toEqual(first.slice(0, CALLS_PER_WORD));
		expect(second.slice(CALLS_PER_WORD * 2)).toEqual(first.slice(CALLS_PER_WORD));
		// Draws beyond the words still repeat.
		expect(take(wordKeyedRandom(['a'], 1), 10)).toEqual(take(wordKeyedRandom(['a'], 1), 10));
	});

	it('a word keeps its colour', () => {
		const palette = ['#1', '#2', '#3'];
		expect(wordColor('消防', palette)).toBe(wordColor('消防', palette));
		expect(palette).toContain(wordColor('安全', palette));
	});
});
