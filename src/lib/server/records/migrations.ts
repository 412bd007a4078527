// Schema migrations, kept in code (no migration files to ship) and written with Kysely's schema
// builder so the same DDL runs on SQLite and PostgreSQL. Append new migrations; never edit one that
// has shipped.
import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './schema';
import * as m0001 from './migrations/0001-initial';
import * as m0002 from './migrations/0002-banks';
import * as m0003 from './migrations/0003-accounts';
import * as m0004 from './migrations/0004-ownership';
import * as m0006 from './migrations/0006-qa-events';
import * as m0007 from './migrations/0007-org-words';
import * as m0008 from './migrations/0008-contests';
import * as m0009 from './migrations/0009-contest-day';
import * as m0010 from './migrations/0010-game-saving';

const migrations: Record<string, Migration> = {
	'0001_initial': m0001,
	'0002_banks': m0002,
	'0003_accounts': m0003,
	'0004_ownership': m0004,
	'0006_qa_events': m0006,
	'0007_org_words': m0007,
	'0008_contests': m0008,
	'0009_contest_day': m0009,
	'0010_game_saving': m0010
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date; Kysely's migration lock keeps concurrent starts safe. */
export async function migrate(db: Kysely<Database>): Promise<void> {
	const migrator = new Migrator({
		db,
		provider,
		migrationTableName: 'anda_migration',
		migrationLockTableName: 'anda_migration_lock'
	});
	const { error, results } = await migrator.migrateToLatest();
	if (error) {
		const failed = results?.find((r) => r.status === 'Error')?.migrationName;
		throw new Error(`record store migration ${failed ?? ''} failed`, { cause: error });
	}
}
