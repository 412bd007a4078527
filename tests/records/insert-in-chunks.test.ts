// insertInChunks (records/query-helpers.ts) writes its multi-row INSERTs as text, on SQLite and a
// real PostgreSQL: every row arrives across chunk boundaries, values travel as parameters (quotes
// and Chinese intact), a value a row leaves out is taken as Kysely's builder takes it, and with
// skipExisting a row already there is kept as it was.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertInChunks, MAX_ROWS_PER_INSERT } from '../../src/lib/server/records/query-helpers';
import { recordDatabases, type TestDatabase } from '../support/record-dbs';

const impls = await recordDatabases('insert-in-chunks');

interface ProbeRow {
	id: number;
	note?: string | null;
	n?: number;
}

for (const impl of impls) {
	describe.skipIf(impl.skip)(`insertInChunks on ${impl.name}`, () => {
		let t: TestDatabase;
		const db = () => t.database.db;
		// The helper is typed by the schema's tables; this probe table is the test's own.
		const insert = (rows: ProbeRow[], skipExisting = false) =>
			insertInChunks(db(), impl.name, 'chunk_probe' as never, rows as never[], { skipExisting });
		const all = async () =>
			(
				await sql<{ id: number; note: string | null; n: number | null }>`
					select id, note, n from chunk_probe order by id`.execute(db())
			).rows.map((r) => ({ ...r, id: Number(r.id), n: r.n === null ? null : Number(r.n) }));

		beforeEach(async () => {
			t = await impl.open();
			await sql`create table chunk_probe (id integer primary key, note text, n integer default 7)`.execute(
				db()
			);
		});
		afterEach(async () => t.dispose());

		it('writes every row over several statements, values as given', async () => {
			const count = MAX_ROWS_PER_INSERT * 2 + 37;
			const rows = Array.from({ length: count }, (_, i) => ({
				id: i + 1,
				note: i % 3 === 0 ? null : `安全'第${i}"题`,
				n: i
			}));
			await insert(rows);
			expect(await all()).toEqual(rows);
		});

		it('a value a row leaves out is NULL on SQLite and the column default on PostgreSQL', async () => {
			await insert([{ id: 1, note: 'a', n: 1 }, { id: 2, note: 'b' }, { id: 3 }]);
			const absent = impl.name === 'sqlite' ? null : 7;
			expect(await all()).toEqual([
				{ id: 1, note: 'a', n: 1 },
				{ id: 2, note: 'b', n: absent },
				{ id: 3, note: null, n: absent }
			]);
		});

		it('skipExisting keeps a row already there and adds the others', async () => {
			await insert([{ id: 1, note: 'first', n: 1 }]);
			await expect(insert([{ id: 1, note: 'again', n: 2 }])).rejects.toThrow();
			await insert(
				[
					{ id: 1, note: 'again', n: 2 },
					{ id: 2, note: 'new', n: 3 }
				],
				true
			);
			expect(await all()).toEqual([
				{ id: 1, note: 'first', n: 1 },
				{ id: 2, note: 'new', n: 3 }
			]);
		});

		it('nothing to insert sends nothing', async () => {
			await insert([]);
			expect(await all()).toEqual([]);
		});
	});
}
