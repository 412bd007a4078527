// The room benchmark's capacity model (scripts/bench/room-capacity.ts).
import { describe, expect, it } from 'vitest';
import {
	capacityFor,
	predictedProcessMsPerQuestion,
	type RoomCost
} from '../../scripts/bench/room-capacity';

const cost: RoomCost = {
	serverUsPerPlayerQuestion: 200,
	serverUsPerJoin: 1000,
	redisUsPerPlayerQuestion: 10
};
const budget = { burstMs: 1000, arrivalMs: 60_000, utilisation: 0.5 };

describe('capacityFor', () => {
	it('takes the larger of the question and the arrival budgets', () => {
		// 100,000 × 200 µs = 20 s of CPU per question; 0.5 s of a core each → 40 processes.
		// 100,000 × 1 ms = 100 s of arrivals; 30 s of a core each → 4 processes.
		expect(capacityFor(cost, 100_000, budget)).toEqual({
			players: 100_000,
			processes: 40,
			forQuestions: 40,
			forArrivals: 4,
			redisMsPerQuestion: 1000,
			redisFits: false
		});
	});

	it('needs one process at least, and says when Redis is absent', () => {
		const c = capacityFor({ ...cost, redisUsPerPlayerQuestion: null }, 10, budget);
		expect(c.processes).toBe(1);
		expect(c.redisMsPerQuestion).toBeNull();
		expect(c.redisFits).toBeNull();
	});

	it('lets arrivals rule when joins are dear and the window short', () => {
		const c = capacityFor(cost, 100_000, { ...budget, arrivalMs: 1000 });
		expect(c.forArrivals).toBe(200);
		expect(c.processes).toBe(200);
		expect(capacityFor(cost, 20_000, budget).redisFits).toBe(true);
	});
});

describe('predictedProcessMsPerQuestion', () => {
	it("divides the room's work evenly over the processes", () => {
		expect(predictedProcessMsPerQuestion(cost, 20_000, 4)).toBe(1000);
		expect(predictedProcessMsPerQuestion(cost, 20_000, 1)).toBe(4000);
	});
});
