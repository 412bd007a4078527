// The record databases every record-store contract suite runs against: SQLite in a temp file and a
// real PostgreSQL (a throwaway database per test, created and dropped through database `postgres`).
// When PostgreSQL is down its variant is skipped with one stderr line, or fails in CI.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type OpenedDatabase } from '../../src/lib/server/records/open';
import type { ContractTarget, Opened } from '../contracts/harness';
import { postgresAvailable, redacted, REQUIRE_SERVICES } from './services';

const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
	database: OpenedDatabase;
	/** Closes the connection and removes the file or drops the database. */
	dispose(): Promise<void>;
}

export interface DatabaseImpl {
	name: OpenedDatabase['kind'];
	skip: boolean;
	open(): Promise<TestDatabase>;
}

function pgUrlFor(database: string): string {
	const u = new URL(PG_URL);
	u.pathname = `/${database}`;
	return u.toString();
}

async function adminQuery(text: string): Promise<void> {
	const client = new pg.Client({ connectionString: pgUrlFor('postgres') });
	client.on('error', () => {}); // a dropped connection fails the query; it must not crash the run
	await client.connect();
	try {
		await client.query(text);
	} finally {
		await client.end();
	}
}

/** SQLite and PostgreSQL; `suite` names what a skip line says was skipped. */
export async function recordDatabases(suite: string): Promise<DatabaseImpl[]> {
	const pgUp = await postgresAvailable(pgUrlFor('postgres'));
	if (!pgUp && !REQUIRE_SERVICES) {
		process.stderr.write(
			`[skip] PostgreSQL not reachable at ${redacted(PG_URL)}: ${suite} PostgreSQL suite skipped\n`
		);
	}
	return [
		{
			name: 'sqlite',
			skip: false,
			async open() {
				const dir = mkdtempSync(join(tmpdir(), 'anda-records-'));
				// A missing parent directory on purpose: opening must create it.
				const database = await openDatabase({ sqlitePath: join(dir, 'data', 'anda.sqlite') });
				return {
					database,
					async dispose() {
						await database.db.destroy();
						rmSync(dir, { recursive: true, force: true });
					}
				};
			}
		},
		{
			name: 'postgres',
			skip: !pgUp && !REQUIRE_SERVICES,
			async open() {
				if (!pgUp) {
					throw new Error(
						`PostgreSQL not reachable at ${redacted(PG_URL)} and ANDA_REQUIRE_SERVICES=1`
					);
				}
				const name = `anda_test_${randomBytes(6).toString('hex')}`;
				await adminQuery(`CREATE DATABASE ${name}`);
				const database = await openDatabase({ databaseUrl: pgUrlFor(name) });
				return {
					database,
					async dispose() {
						await database.db.destroy();
						await adminQuery(`DROP DATABASE IF EXISTS ${name}`);
					}
				};
			}
		}
	];
}

/** Whether PostgreSQL answers (a suite that needs it skips, or fails in CI, when it does not). */
export const postgresUp = () => postgresAvailable(pgUrlFor('postgres'));

/** A throwaway PostgreSQL database for a whole server (its URL), dropped by `drop`. */
export async function throwawayPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
	const name = `anda_test_${randomBytes(6).toString('hex')}`;
	await adminQuery(`CREATE DATABASE ${name}`);
	return {
		url: pgUrlFor(name),
		drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
	};
}

/**
 * The record databases as contract targets: each opens a database and hands the rules what
 * `build` makes of it (the store under test and any helpers), disposing of the database after.
 */
export async function recordTargets<T extends object>(
	suite: string,
	build: (database: OpenedDatabase) => T
): Promise<ContractTarget<T & Opened>[]> {
	return (await recordDatabases(suite)).map((d) => ({
		name: d.name,
		skip: d.skip,
		async open() {
			const { database, dispose } = await d.open();
			return { ...build(database), dispose };
		}
	}));
}
