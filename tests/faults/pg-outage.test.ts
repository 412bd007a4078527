// Issue 8, item 4: a game ended while PostgreSQL was down was lost (the host got INTERNAL, then
// WRONG_PHASE on every retry; 300 of 300 acked answers gone). One bounded run of the scenario in
// tests/support/faults/pg-outage-scenario.ts (`npm run faults:pg -- --runs 10` repeats it): a
// PostgreSQL of the test's own is stopped dead before the host ends a 50-player game, and started
// again 2 s later.
import { describe, expect, it } from 'vitest';
import { runPgOutage } from '../support/faults/pg-outage-scenario';
import { faultNeeds } from '../support/faults/requirements';

const needs = await faultNeeds('pg-outage', { postgresBinaries: true });

describe.skipIf(needs.skip)('PostgreSQL down while the host ends the game', () => {
	it('keeps the game live, says "saving", and saves it once with every acked answer', async () => {
		needs.check();
		const run = await runPgOutage({
			postgres: needs.postgres!,
			players: 50,
			outageMs: 2000,
			saveTimeoutMs: 30_000
		});
		expect(run.problems).toEqual([]);
		expect(run).toMatchObject({
			crashed: 0,
			unsaved: 0,
			savedCopies: 1,
			lost: 0,
			endAck: 'ok (saving)',
			savingShown: { host: true, screen: true },
			resultsStatus: 200,
			resultsListPlayers: true,
			unhandledRejections: 0
		});
		expect(run.acked).toBe(150); // 50 players × 3 questions
		expect(run.backToSavedMs).not.toBeNull();
	}, 90_000);
});
