// Redis killed -9 while a question is being closed, and the process driving a room's clock killed
// -9 before a deadline: real processes (tests/faults/scenarios.ts), a few bounded runs. The full
// ten-run report is `npm run faults`.
import { describe, expect, it } from 'vitest';
import { clockHolderKill, redisKillAtClose } from './scenarios';

// Ports of this suite's own redis-server (never the shared 6379).
const PORT = 6391;

describe('fault: Redis and Anda processes killed', () => {
	it.each([0, 120])(
		'Redis killed %i ms after the deadline: nothing crashes, the question is scored once, no acked answer is lost',
		async (killDelayMs) => {
			const r = await redisKillAtClose({ players: 40, redisPort: PORT, killDelayMs });
			expect(r).toMatchObject({
				crashed: 0,
				unhandled: 0,
				unscored: 0,
				ackedLost: 0,
				resultsMissing: 0
			});
		},
		60_000
	);

	it('the clock holder killed before the deadline: the other process closes the question and presence follows', async () => {
		const r = await clockHolderKill({ players: 40, redisPort: PORT + 1 });
		expect(r).toMatchObject({ crashed: 0, unhandled: 0, unscored: 0, resultsMissing: 0 });
		expect(r.onlineAfter).toBe(20);
		// Closed late by at most the lease and a sweep or two (the product's defaults): a bound on
		// correctness (it did close, from the lease's lapse), not a timing goal.
		expect(r.closedLateMs).not.toBeNull();
	}, 60_000);
});
