import { describe, expect, it } from 'vitest';
import {
	answerKey,
	benchQuestions,
	capViolations,
	lostAnswers,
	peakProcesses,
	pickAnswer,
	pool,
	unitTotalsOff
} from '../../scripts/bench/contest-measure';

describe('the bench bank and what a bot picks', () => {
	const questions = benchQuestions(8);
	const key = answerKey(questions);

	it('moves the right option round the stored places, with unique option texts', () => {
		expect(questions.map((q) => q.answer).join('')).toBe('ABCDABCD');
		expect(new Set(questions.flatMap((q) => q.options)).size).toBe(32);
	});

	it('taps the right option where it is shown, and reports its stored index', () => {
		const q = questions[2]!; // right: stored index 2
		const shown = [q.options[3]!, q.options[2]!, q.options[0]!, q.options[1]!];
		expect(pickAnswer(key, q.stem, shown, true)).toEqual({ position: 1, stored: 2, right: true });
	});

	it('taps a wrong option when told to', () => {
		const q = questions[0]!;
		const shown = [q.options[0]!, q.options[1]!, q.options[2]!, q.options[3]!];
		expect(pickAnswer(key, q.stem, shown, false)).toEqual({
			position: 1,
			stored: 1,
			right: false
		});
	});

	it('knows nothing of a question outside the bank', () => {
		expect(pickAnswer(key, '别的题', ['a', 'b'], true)).toBeNull();
	});
});

describe('pool', () => {
	it('runs every job with at most the given number in flight', async () => {
		let inFlight = 0;
		let most = 0;
		const done: number[] = [];
		const started = await pool(25, 4, async (i) => {
			inFlight++;
			most = Math.max(most, inFlight);
			await new Promise((r) => setTimeout(r, 1));
			done.push(i);
			inFlight--;
		});
		expect(started).toBe(25);
		expect(most).toBe(4);
		expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i));
	});

	it('starts nothing once the deadline has passed', async () => {
		let t = 0;
		const started = await pool(
			10,
			2,
			async () => {
				t += 10;
			},
			25,
			() => t
		);
		// Starts at t = 0, 10 and 20; at 30 the deadline (25) has passed for both lanes.
		expect(started).toBe(3);
	});
});

describe('the checks against the records', () => {
	it('counts an acked answer lost when its row is missing or holds another answer', () => {
		const acked = [
			{ attemptId: 'a', index: 0, stored: 1 },
			{ attemptId: 'a', index: 1, stored: 2 },
			{ attemptId: 'b', index: 0, stored: 3 }
		];
		const rows = [
			{ attemptId: 'a', index: 0, answer: '{"choices":[1]}' },
			{ attemptId: 'a', index: 1, answer: '{"choices":[0]}' }
		];
		expect(lostAnswers(acked, rows)).toEqual([
			{ attemptId: 'a', index: 1, stored: 2 },
			{ attemptId: 'b', index: 0, stored: 3 }
		]);
	});

	it('holds only the last acked answer of a question to its row', () => {
		const acked = [
			{ attemptId: 'a', index: 0, stored: 1 },
			{ attemptId: 'a', index: 0, stored: 3 }
		];
		expect(lostAnswers(acked, [{ attemptId: 'a', index: 0, answer: '{"choices":[3]}' }])).toEqual(
			[]
		);
		expect(lostAnswers(acked, [{ attemptId: 'a', index: 0, answer: null }])).toHaveLength(1);
	});

	it('finds participants with more starts on a day than the cap', () => {
		const attempts = [
			{ participantId: 'p1', day: '2026-06-16' },
			{ participantId: 'p1', day: '2026-06-16' },
			{ participantId: 'p1', day: '2026-06-17' },
			{ participantId: 'p2', day: '2026-06-16' }
		];
		expect(capViolations(attempts, 1)).toEqual([
			{ participantId: 'p1', day: '2026-06-16', started: 2 }
		]);
		expect(capViolations(attempts, 2)).toEqual([]);
	});

	it('compares each unit on the board with the sum over its participants', () => {
		const people = [
			{ unit: '一车间', points: 80 },
			{ unit: '一车间', points: 70 },
			{ unit: '二车间', points: 90 },
			{ unit: null, points: 100 }
		];
		expect(
			unitTotalsOff(
				[
					{ name: '一车间', points: 150 },
					{ name: '二车间', points: 90 }
				],
				people
			)
		).toEqual([]);
		expect(unitTotalsOff([{ name: '一车间', points: 140 }], people)).toEqual([
			{ unit: '一车间', board: 140, records: 150 },
			{ unit: '二车间', board: 0, records: 90 }
		]);
	});
});

describe('the national peak', () => {
	it('divides the peak hour of 4.63 million attempts in 9 days by the attempts a core serves', () => {
		const p = peakProcesses(100)!;
		// 4,630,000 / (9 × 86,400) × 3 ≈ 17.86 attempts/s; 100 ms an attempt: 10 a core.
		expect(p.peakPerSecond).toBeCloseTo(17.86, 2);
		expect(p.perCore).toBe(10);
		expect(p.processes).toBe(2);
		expect(peakProcesses(null)).toBeNull();
	});
});
