// Query pieces every Kysely store of the record database shares (games and quizzes, banks,
// accounts). Only portable SQL here (ON CONFLICT, RETURNING, LIMIT); dialect differences stay in
// open.ts and migrations.ts.
import {
	CompiledQuery,
	sql,
	type DeleteResult,
	type Insertable,
	type Kysely,
	type OnConflictBuilder,
	type RawBuilder,
	type SqlBool,
	type UpdateResult
} from 'kysely';
import type { OrgScope, RecordStore } from './port';
import type { Database } from './schema';

export type RecordStoreKind = RecordStore['kind'];

// Bound parameters per INSERT: SQLite's SQLITE_MAX_VARIABLE_NUMBER is 32,766 since 3.32 (the
// bundled one is newer), PostgreSQL's limit is 65,535 per statement. Rows per INSERT are capped
// as well, so that one statement (and the event loop building it) stays short: 1,000 rows of the
// widest table (game_players, 11 columns) bind 11,000 parameters, within both.
export const PARAM_BUDGET: Record<RecordStoreKind, number> = { sqlite: 32_766, postgres: 30_000 };
export const MAX_ROWS_PER_INSERT = 1000;

export function chunked<T>(rows: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
	return out;
}

/**
 * Inserts many rows in as few multi-row INSERTs as the parameter budget and the row cap allow.
 * With `skipExisting`, a row whose key is already there is left as it was (ON CONFLICT DO NOTHING).
 */
export async function insertInChunks<T extends keyof Database & string>(
	db: Kysely<Database>,
	kind: RecordStoreKind,
	table: T,
	rows: Insertable<Database[T]>[],
	{ skipExisting = false }: { skipExisting?: boolean } = {}
): Promise<void> {
	if (rows.length === 0) return;
	const columns = columnsOf(rows);
	const perInsert = Math.min(
		MAX_ROWS_PER_INSERT,
		Math.floor(PARAM_BUDGET[kind] / Math.max(1, columns.length))
	);
	// The statement's text is written here rather than built by Kysely's query builder: a game's
	// save inserts tens of thousands of rows, and building and compiling a node per value cost
	// about as much CPU as SQLite's own work. What it sends is what the builder would: the same
	// columns, a parameter per value, and a value a row leaves out taken as the builder takes it
	// (NULL in SQLite, DEFAULT in PostgreSQL).
	const head = `insert into ${quoted(table)} (${columns.map(quoted).join(', ')}) values `;
	const tail = skipExisting ? ' on conflict do nothing' : '';
	const absent = kind === 'sqlite' ? 'null' : 'default';
	// SQLite's placeholders carry no number: a row with every value has the same tuple text.
	const full = kind === 'sqlite' ? `(${columns.map(() => '?').join(', ')})` : null;
	for (const part of chunked(rows, perInsert)) {
		const parameters: unknown[] = [];
		const tuples: string[] = [];
		for (const row of part) {
			const values = row as Record<string, unknown>;
			if (full !== null && columns.every((c) => values[c] !== undefined)) {
				for (const c of columns) parameters.push(values[c]);
				tuples.push(full);
				continue;
			}
			const slots = columns.map((c) => {
				const v = values[c];
				if (v === undefined) return absent;
				parameters.push(v);
				return kind === 'sqlite' ? '?' : `$${parameters.length}`;
			});
			tuples.push(`(${slots.join(', ')})`);
		}
		await db.executeQuery(CompiledQuery.raw(head + tuples.join(', ') + tail, parameters));
	}
}

/**
 * Every column some row gives a value for, in the order they first appear. (A for-in walk: rows
 * are plain objects, and Object.entries would build a pair for every value of every row.)
 */
function columnsOf(rows: object[]): string[] {
	const seen = new Set<string>();
	for (const row of rows) {
		const values = row as Record<string, unknown>;
		for (const k in values) if (values[k] !== undefined) seen.add(k);
	}
	return [...seen];
}

/** An identifier as both databases read it. Table and column names here are the schema's own. */
function quoted(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}

/** Code-unit order, so both backends sort the same whatever the database collation is. */
export function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether a DELETE or UPDATE touched any row. */
export function touchedAny(result: DeleteResult | UpdateResult): boolean {
	const n = 'numDeletedRows' in result ? result.numDeletedRows : result.numUpdatedRows;
	return Number(n) > 0;
}

/** A unique-constraint violation, in either database. */
export function isUniqueViolation(e: unknown): boolean {
	const code = (e as { code?: unknown })?.code;
	return (
		code === '23505' ||
		code === 'SQLITE_CONSTRAINT_UNIQUE' ||
		code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
	);
}

// Scope conditions. `org_id = NULL` is never true in SQL, so the shared scope is always spelled
// IS NULL; the column is qualified so that joins and upserts read the same.

type OwnedTable = 'quizzes' | 'banks' | 'games';
type LibraryTable = 'quizzes' | 'banks';

/** Rows owned by exactly this scope: what it may change, and the games it may see. */
export function ownedBy(table: OwnedTable, scope: OrgScope): RawBuilder<SqlBool> {
	const col = sql.ref(`${table}.org_id`);
	return scope.orgId === null
		? sql<SqlBool>`${col} is null`
		: sql<SqlBool>`${col} = ${scope.orgId}`;
}

/** Library rows a scope may read: its own and the shared library's. */
export function readableBy(table: LibraryTable, scope: OrgScope): RawBuilder<SqlBool> {
	const col = sql.ref(`${table}.org_id`);
	return scope.orgId === null
		? sql<SqlBool>`${col} is null`
		: sql<SqlBool>`(${col} = ${scope.orgId} or ${col} is null)`;
}

/**
 * Inserts a library row, or replaces every column but its id and owner where the row's owner
 * already holds that id. An id held by another owner (or by the shared library) is left alone, and
 * then RETURNING yields no row: false.
 */
export async function saveOwnedRow<T extends LibraryTable>(
	db: Kysely<Database>,
	table: T,
	row: Insertable<Database[T]> & { org_id: string | null }
): Promise<boolean> {
	const replaced = Object.keys(row).filter((column) => column !== 'id' && column !== 'org_id');
	// Kysely cannot type `excluded.<column>` for a table chosen by a type parameter; the columns
	// come from the typed row itself.
	const fromExcluded = Object.fromEntries(
		replaced.map((column) => [column, sql.ref(`excluded.${column}`)])
	) as Parameters<OnConflictBuilder<Database, T>['doUpdateSet']>[0];
	const saved = await db
		.insertInto(table)
		.values(row)
		.onConflict((oc) =>
			oc
				.column('id')
				.doUpdateSet(fromExcluded)
				.where(ownedBy(table, { orgId: row.org_id }))
		)
		.returning('id')
		.executeTakeFirst();
	return saved !== undefined;
}

/** Deletes a row by id where exactly this scope owns it; false if there was none to delete. */
export async function deleteOwnedRow(
	db: Kysely<Database>,
	table: LibraryTable,
	id: string,
	scope: OrgScope
): Promise<boolean> {
	const result = await db
		.deleteFrom(table)
		.where('id', '=', id)
		.where(ownedBy(table, scope))
		.executeTakeFirst();
	return touchedAny(result);
}
