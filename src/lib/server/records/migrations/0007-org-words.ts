// Organisations' own sensitive words (domain/org-words.ts): one row per organisation, the list as
// JSON. No foreign key, as with the other organisation-owned records (0004).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('org_words')
		.addColumn('org_id', 'text', (c) => c.primaryKey())
		.addColumn('words', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'bigint', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('org_words').execute();
}
