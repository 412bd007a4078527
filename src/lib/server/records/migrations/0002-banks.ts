// Question banks as records: one row per bank and one per question, the question itself kept whole
// as JSON beside the columns that filters read (type, category, difficulty).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('banks')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('description', 'text')
		.addColumn('language', 'text', (c) => c.notNull())
		// 'shipped' | 'imported' | 'custom'
		.addColumn('origin', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'bigint', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('bank_questions')
		.addColumn('bank_id', 'text', (c) => c.notNull().references('banks.id').onDelete('cascade'))
		.addColumn('idx', 'integer', (c) => c.notNull())
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('category', 'text')
		.addColumn('difficulty', 'integer')
		.addColumn('stem', 'text', (c) => c.notNull())
		// The whole Question as JSON.
		.addColumn('data', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('bank_questions_pk', ['bank_id', 'idx'])
		.execute();
	// Drawing filters by bank and category; the primary key already serves bank-only reads.
	await db.schema
		.createIndex('bank_questions_bank_category')
		.on('bank_questions')
		.columns(['bank_id', 'category'])
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('bank_questions').execute();
	await db.schema.dropTable('banks').execute();
}
