// Opens the record store: PostgreSQL when given a postgres:// URL, otherwise an embedded SQLite
// file. Either way the schema is migrated before the store is handed out.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { log } from '../log';
import { KyselyRecordStore } from './kysely-store';
import { migrate } from './migrations';
import type { RecordStore } from './port';
import type { Database } from './schema';

export interface RecordStoreOptions {
	databaseUrl?: string;
	sqlitePath?: string;
}

const DEFAULT_SQLITE_PATH = './data/anda.sqlite';

export function isPostgresUrl(url: string | undefined): url is string {
	return !!url && /^postgres(ql)?:\/\//i.test(url);
}

/** Opens and migrates the record database; the stores for each kind of record share it. */
export async function openDatabase(opts: RecordStoreOptions): Promise<OpenedDatabase> {
	const opened = isPostgresUrl(opts.databaseUrl)
		? openPostgres(opts.databaseUrl)
		: openSqlite(opts.sqlitePath || DEFAULT_SQLITE_PATH);
	try {
		await migrate(opened.db);
	} catch (err) {
		await opened.db.destroy();
		throw err;
	}
	return opened;
}

export async function openRecordStore(opts: RecordStoreOptions): Promise<RecordStore> {
	const { db, kind } = await openDatabase(opts);
	return new KyselyRecordStore(db, kind);
}

export interface OpenedDatabase {
	db: Kysely<Database>;
	kind: RecordStore['kind'];
}

function openPostgres(connectionString: string): OpenedDatabase {
	// Times are bigint (int8), which pg returns as strings to be lossless. Epoch milliseconds fit a
	// double exactly, so parse int8 as a number on this pool only; pg's global parsers stay as they are.
	const types = new pg.TypeOverrides();
	types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));
	const pool = new pg.Pool({
		connectionString,
		types,
		// A database host that does not answer fails a query in seconds instead of holding it (and
		// the room or page waiting on it) for the operating system's TCP timeout.
		connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
		keepAlive: true
	});
	watchConnections(pool);
	return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), kind: 'postgres' };
}

const CONNECT_TIMEOUT_MS = 5000;

/**
 * A pg connection that drops (the backend terminated, the server restarted) emits 'error' on its
 * client, and the pool re-emits it when the client was idle; an EventEmitter with no listener would
 * throw it and take the whole process down. A query that was running fails on its own promise; the
 * pool discards the dead client and opens a new one on next use. So: one log line per lost
 * connection (a client emits a second error when its socket then ends), and nothing thrown.
 */
export function watchConnections(pool: pg.Pool): void {
	const lost = new WeakSet<pg.ClientBase>();
	pool.on('connect', (client) => {
		client.on('error', (err: Error & { code?: string }) => {
			if (lost.has(client)) return;
			lost.add(client);
			log.warn(
				{ code: err.code, reason: err.message },
				'PostgreSQL connection lost; the pool opens a new one on next use'
			);
		});
	});
	// Every error the pool re-emits was its client's, logged above.
	pool.on('error', () => {});
}

function openSqlite(path: string): OpenedDatabase {
	const inMemory = path === ':memory:';
	if (!inMemory) mkdirSync(dirname(path), { recursive: true });
	const database = new SQLite(path);
	// WAL lets readers run while a game is being saved; SQLite leaves foreign keys off by default.
	if (!inMemory) database.pragma('journal_mode = WAL');
	database.pragma('foreign_keys = ON');
	return {
		db: new Kysely<Database>({
			dialect: new SqliteDialect({ database: statementCache(database) })
		}),
		kind: 'sqlite'
	};
}

/** Statements kept prepared, by SQL text; the oldest goes first past this many. */
const STATEMENTS_KEPT = 500;

/**
 * The database as Kysely's SQLite driver uses it, with each statement prepared once: the driver
 * prepares the SQL of every query afresh, which on the contests' hot path (an answer is a read and
 * a write) was a tenth of the server's time. Safe because the driver runs one query at a time, to
 * completion, and never iterates (no streaming queries here).
 */
function statementCache(database: SQLite.Database) {
	const kept = new Map<string, SQLite.Statement>();
	return {
		close: () => database.close(),
		prepare(sql: string) {
			let statement = kept.get(sql);
			if (!statement) {
				statement = database.prepare(sql);
				kept.set(sql, statement);
				if (kept.size > STATEMENTS_KEPT) kept.delete(kept.keys().next().value as string);
			}
			return statement;
		}
	};
}
