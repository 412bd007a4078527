// Issue 8, items 2, 3, 7 and 8: Redis killed -9 while a question is being closed, and the process
// driving a room's clock killed -9 before a deadline, on real processes (tests/support/faults/redis-scenarios.ts;
// `npm run faults:redis -- --runs 10` repeats them with 500 players).
import { beforeAll, describe, expect, it } from 'vitest';
import { faultNeeds } from '../support/faults/requirements';
import { clockHolderKill, redisKillAtClose } from '../support/faults/redis-scenarios';

const needs = await faultNeeds('redis-kill', { redisServer: true });

describe.skipIf(needs.skip)('Redis and Anda processes killed', () => {
	beforeAll(() => needs.check());

	it.each([0, 120])(
		'Redis killed %i ms after the deadline: nothing crashes, the question is scored once, no acked answer or result is lost',
		async (killDelayMs) => {
			const r = await redisKillAtClose({ players: 40, killDelayMs });
			// On a failure, say what was left unhandled in the processes.
			expect(r, r.note).toMatchObject({
				crashed: 0,
				unhandled: 0,
				unscored: 0,
				ackedLost: 0,
				resultsMissing: 0
			});
		},
		60_000
	);

	it('the clock holder killed before the deadline: the other process closes the question, and presence follows', async () => {
		const r = await clockHolderKill({ players: 40 });
		expect(r, r.note).toMatchObject({ crashed: 0, unhandled: 0, unscored: 0, resultsMissing: 0 });
		// The 20 players of the dead process are no longer counted online.
		expect(r.onlineAfter).toBe(20);
	}, 60_000);
});
