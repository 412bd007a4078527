// The contest benchmark's records: a throwaway PostgreSQL database (created and dropped through
// database `postgres`), the published contest it plays (seeded from the bench process through the
// services, before the server starts, on the same records and live store the server will open),
// and the rows read back afterwards for the checks (answers, attempts per day, unit points).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createAppContext, type AppConfig } from '../../src/lib/server/app-context';
import { bankSchema } from '../../src/lib/domain/question';
import type { ContestSettingsInput } from '../../src/lib/domain/contest/settings';
import { openDatabase } from '../../src/lib/server/records/open';
import { regions } from '../../src/lib/server/regions';
import { benchQuestions, type StoredAnswerRow } from './contest-measure';

export const BENCH_ORG = 'bench-org';
const BENCH_USER = 'bench-organiser';
const BANK_ID = 'bench-contest-bank';
export const BANK_SIZE = 200;
export const UNIT_NAMES = Array.from(
	{ length: 20 },
	(_, i) => `压测单位${String(i + 1).padStart(2, '0')}`
);

// Real counties (GB/T 2260) in several provinces; those the shipped tree does not list are dropped.
const COUNTIES = [
	'110101',
	'110105',
	'310104',
	'310115',
	'440305',
	'440106',
	'330106',
	'510107',
	'420106',
	'320102',
	'370202',
	'610113'
];

export function benchCounties(): string[] {
	const ok = COUNTIES.filter((c) => regions.isSelectable(c));
	if (ok.length === 0) throw new Error('none of the bench counties is in the region tree');
	return ok;
}

function withDatabase(url: string, database: string): string {
	const u = new URL(url);
	u.pathname = `/${database}`;
	return u.toString();
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
	const client = new pg.Client({ connectionString: adminUrl });
	client.on('error', () => {});
	await client.connect();
	try {
		await client.query(text);
	} finally {
		await client.end();
	}
}

/** A new empty database next to `baseUrl`'s (through its database `postgres`) and its drop. */
export async function throwawayPostgres(
	baseUrl: string
): Promise<{ url: string; drop(): Promise<void> }> {
	const name = `anda_bench_${randomBytes(5).toString('hex')}`;
	const admin = withDatabase(baseUrl, 'postgres');
	await adminQuery(admin, `CREATE DATABASE ${name}`);
	return {
		url: withDatabase(baseUrl, name),
		drop: () => adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
	};
}

export interface SeededContest {
	slug: string;
	contestId: string;
}

/** Saves the bank, creates and publishes the contest with its units, and closes the context. */
export async function seedContest(
	config: Pick<AppConfig, 'sqlitePath' | 'databaseUrl' | 'redisUrl' | 'redisPrefix' | 'banksDir'>,
	opts: { questions: number; attemptsPerDay: number }
): Promise<SeededContest> {
	const ctx = await createAppContext(config);
	try {
		const now = Date.now();
		const bank = bankSchema.parse({
			id: BANK_ID,
			title: '压测题库',
			questions: benchQuestions(BANK_SIZE)
		});
		await ctx.banks.saveBank(bank, 'imported', now, BENCH_ORG);
		const settings: ContestSettingsInput = {
			title: '测测你的安全力（压测）',
			rules: `每天 ${opts.attemptsPerDay} 次，每次 ${opts.questions} 题，限时 10 分钟。`,
			window: { startsAt: now - 3_600_000, endsAt: now + 86_400_000 },
			draw: { total: opts.questions, bankIds: [BANK_ID] },
			totalTimeS: 600,
			attemptsPerDay: opts.attemptsPerDay,
			// The bots answer at machine speed: no too-fast flags, which would only be noise here.
			minMsPerQuestion: 0,
			entry: {
				name: 'required',
				phone: 'required',
				region: 'required',
				unit: 'optional',
				employeeNo: 'off',
				custom: []
			}
		};
		const scope = { orgId: BENCH_ORG };
		const slug = `bench-${randomBytes(4).toString('hex')}`;
		const draft = await ctx.contests.admin.create(BENCH_USER, scope, settings, slug);
		const published = await ctx.contests.admin.publish(draft.id, scope, draft.version);
		await ctx.contests.admin.setUnits(
			published.id,
			scope,
			UNIT_NAMES.map((name, i) => ({ name, headcount: 500 + i * 50 }))
		);
		return { slug: published.slug, contestId: published.id };
	} finally {
		await ctx.close();
	}
}

export interface ContestRecordsRead {
	answers: StoredAnswerRow[];
	attempts: { participantId: string; day: string }[];
	participants: { unit: string | null; points: number }[];
}

/** The contest's rows, read straight from the record database once the server has stopped. */
export async function readContestRecords(
	where: { sqlitePath?: string; databaseUrl?: string },
	contestId: string
): Promise<ContestRecordsRead> {
	const { db } = await openDatabase(where);
	try {
		const answers = await db
			.selectFrom('contest_answers')
			.select(['attempt_id', 'idx', 'answer'])
			.where('contest_id', '=', contestId)
			.execute();
		const attempts = await db
			.selectFrom('contest_attempts')
			.select(['participant_id', 'day'])
			.where('contest_id', '=', contestId)
			.execute();
		const participants = await db
			.selectFrom('contest_participants')
			.select(['unit', 'points'])
			.where('contest_id', '=', contestId)
			.execute();
		return {
			answers: answers.map((a) => ({ attemptId: a.attempt_id, index: a.idx, answer: a.answer })),
			attempts: attempts.map((a) => ({ participantId: a.participant_id, day: a.day })),
			participants: participants.map((p) => ({ unit: p.unit, points: Number(p.points) }))
		};
	} finally {
		await db.destroy();
	}
}
