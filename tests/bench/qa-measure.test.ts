// The Q&A benchmark's arithmetic (scripts/bench/qa-measure.ts): what its report calls "reached
// every phone" for an approved question and for an acked vote count.
import { describe, expect, it } from 'vitest';
import { phonesOffCount, questionReach, voteReach } from '../../scripts/bench/qa-measure';
import type { FrameReceipt } from '../../scripts/bench/qa-ipc';

const worker = (
	firstSeen: Record<string, number[]>,
	frames: FrameReceipt[] = [],
	voteAcks: [string, number, number][] = []
) => ({ firstSeen, frames, voteAcks });

describe('questionReach', () => {
	it('times a question to its last phone across workers, from the ack and from the send', () => {
		const reach = questionReach(
			[{ id: 'q1', sentAt: 990, at: 1000 }],
			[worker({ q1: [1005, 1030] }), worker({ q1: [1010] })],
			3
		);
		expect(reach.last).toEqual([30]);
		expect(reach.lastFromSend).toEqual([40]);
		expect(reach.each.sort((a, b) => a - b)).toEqual([5, 10, 30]);
		expect(reach.missing).toBe(0);
	});

	it('counts a question some phone never had as missing, and keeps early receipts negative', () => {
		const reach = questionReach(
			[{ id: 'q1', sentAt: 990, at: 1000 }],
			[worker({ q1: [995] }), worker({})],
			2
		);
		expect(reach.last).toEqual([]);
		expect(reach.each).toEqual([-5]);
		expect(reach.missing).toBe(1);
	});
});

const frame = (seq: number, lastAt: number, receivers: number, votes: Record<string, number>) => ({
	seq,
	lastAt,
	receivers,
	votes
});

describe('voteReach', () => {
	it('an acked count reaches every phone with the first complete frame showing it or more', () => {
		const reach = voteReach(
			[
				worker(
					{},
					[frame(3, 1250, 2, { q1: 2 }), frame(7, 1500, 2, { q1: 5 })],
					[
						['q1', 1, 1000],
						['q1', 4, 1300]
					]
				),
				// The other worker's phones got the same frames later: the later receipt counts.
				worker({}, [frame(3, 1260, 1, { q1: 2 }), frame(7, 1520, 1, { q1: 5 })], [['q1', 5, 1310]])
			],
			3
		);
		expect(reach.last.sort((a, b) => a - b)).toEqual([210, 220, 260]);
		expect(reach.missing).toBe(0);
		expect(reach.framesIncomplete).toBe(0);
	});

	it('a frame a phone missed proves nothing; a count no complete frame showed is missing', () => {
		const reach = voteReach(
			[
				worker(
					{},
					[frame(3, 1250, 2, { q1: 2 }), frame(7, 1500, 1, { q1: 3 })],
					[
						['q1', 2, 1000],
						['q1', 3, 1100],
						['q2', 1, 1100]
					]
				)
			],
			2
		);
		expect(reach.last).toEqual([250]);
		expect(reach.missing).toBe(2);
		expect(reach.framesIncomplete).toBe(1);
	});

	it('a count shown again after votes were taken back keeps the first time it was seen', () => {
		const reach = voteReach(
			[
				worker(
					{},
					[
						frame(1, 1250, 1, { q1: 3 }),
						frame(2, 1500, 1, { q1: 2 }),
						frame(3, 1750, 1, { q1: 3 })
					],
					[['q1', 3, 1000]]
				)
			],
			1
		);
		expect(reach.last).toEqual([250]);
	});
});

describe('phonesOffCount', () => {
	it("phones end on each question's count from its highest-seq frame, whatever the arrival order", () => {
		const reports = [
			worker({}, [frame(9, 1500, 1, { q1: 4 }), frame(4, 1600, 1, { q1: 7, q2: 1 })]),
			worker({}, [frame(4, 1250, 1, { q1: 7, q2: 1 }), frame(9, 1510, 1, { q1: 4 })])
		];
		expect(phonesOffCount(reports, 2, { q1: 4, q2: 1, q3: 0 })).toEqual([]);
		expect(phonesOffCount(reports, 2, { q1: 7, q2: 1 })).toEqual(['q1']);
	});

	it('a question whose last frame a phone missed, or with votes but no frame, is off', () => {
		const reports = [worker({}, [frame(2, 1250, 2, { q1: 1 }), frame(3, 1500, 1, { q1: 2 })])];
		expect(phonesOffCount(reports, 2, { q1: 2, q2: 3 })).toEqual(['q1', 'q2']);
	});
});
